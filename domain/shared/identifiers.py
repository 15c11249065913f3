"""IIN (person) and BIN (organisation): 12 digits with a check digit.

Both share the check digit algorithm: weights 1..11 over the first eleven
digits, sum mod 11; if that is 10, weights 3..11,1,2; if 10 again the number
was never issued. Identifiers are never auto-corrected: each failure names the
check that failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from domain.shared.errors import InvalidValueError

T = TypeVar("T")

_FIRST_PASS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_PASS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY_BY_DIGIT = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first_eleven: str) -> int | None:
    """The check digit for eleven digits, or None if both passes give 10."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST_PASS, _SECOND_PASS):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def _check_format_and_digit(value: object, kind: str) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"{kind} must be a string of 12 digits", rule="format")
    if len(value) != 12:
        raise InvalidValueError(
            f"{kind} must have 12 digits, got {len(value)}", rule="length"
        )
    if not (value.isascii() and value.isdigit()):
        raise InvalidValueError(f"{kind} must contain only digits 0-9", rule="digits")
    expected = check_digit(value[:11])
    if expected is None:
        raise InvalidValueError(
            f"{kind} {value} was never issued: both check-digit passes give 10",
            rule="check_digit",
        )
    if expected != int(value[11]):
        raise InvalidValueError(
            f"{kind} {value} has a wrong check digit", rule="check_digit"
        )
    return value


def _trusted(cls: type[T], value: str) -> T:
    """An identifier as stored: not re-checked, so that a rule tightened later never makes
    old history unreadable (validation happens at the edge)."""
    instance = object.__new__(cls)
    object.__setattr__(instance, "value", value)
    return instance


class BornInTheFutureError(InvalidValueError):
    rule = "birth_date_in_future"


@dataclass(frozen=True, order=True)
class IIN:
    """Individual identification number: ``YYMMDD C NNNN K``."""

    value: str

    def __post_init__(self) -> None:
        _check_format_and_digit(self.value, "IIN")
        code = int(self.value[6])
        if code not in _CENTURY_BY_DIGIT:
            raise InvalidValueError(
                f"IIN digit 7 must be 1-6 (century and sex), got {code}",
                rule="century_digit",
            )
        try:
            self.birth_date  # noqa: B018 - computing it is the check
        except ValueError:
            raise InvalidValueError(
                f"IIN {self.value} does not start with a real birth date",
                rule="birth_date",
            ) from None

    @classmethod
    def parse(cls, value: object, *, today: date | None = None) -> IIN:
        """Validate a raw value; with ``today``, also refuse future birth dates."""
        iin = value if isinstance(value, IIN) else cls(value)  # type: ignore[arg-type]
        if today is not None:
            iin.require_born_by(today)
        return iin

    def require_born_by(self, today: date, field: str = "") -> None:
        """A person named by this IIN must already be born on ``today``."""
        if self.birth_date > today:
            raise BornInTheFutureError(
                f"IIN {self.value} has a birth date in the future ({self.birth_date})",
                field=field)

    @property
    def birth_date(self) -> date:
        century = _CENTURY_BY_DIGIT[int(self.value[6])]
        year = century + int(self.value[0:2])
        return date(year, int(self.value[2:4]), int(self.value[4:6]))

    @property
    def is_male(self) -> bool:
        return int(self.value[6]) % 2 == 1

    def age_on(self, day: date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @classmethod
    def trusted(cls, value: str) -> IIN:
        """A stored value, as it was recorded (see ``_trusted``)."""
        return _trusted(cls, value)

    def __str__(self) -> str:
        return self.value


_BIN_TYPES = {"4": "resident legal entity", "5": "non-resident legal entity",
              "6": "individual entrepreneur (joint)"}
_BIN_ATTRIBUTES = {"0": "head office", "1": "branch", "2": "representative office",
                   "3": "peasant farm"}


@dataclass(frozen=True, order=True)
class BIN:
    """Business identification number: ``YYMM T A NNNNN K``."""

    value: str

    def __post_init__(self) -> None:
        _check_format_and_digit(self.value, "BIN")
        month = int(self.value[2:4])
        if not 1 <= month <= 12:
            raise InvalidValueError(
                f"BIN digits 3-4 must be a month 01-12, got {self.value[2:4]}",
                rule="registration_month",
            )
        if self.value[4] not in _BIN_TYPES:
            raise InvalidValueError(
                f"BIN digit 5 must be 4, 5 or 6 (entity type), got {self.value[4]}",
                rule="entity_type",
            )
        if self.value[5] not in _BIN_ATTRIBUTES:
            raise InvalidValueError(
                f"BIN digit 6 must be 0-3 (entity attribute), got {self.value[5]}",
                rule="entity_attribute",
            )

    @classmethod
    def parse(cls, value: object) -> BIN:
        return value if isinstance(value, BIN) else cls(value)  # type: ignore[arg-type]

    @classmethod
    def trusted(cls, value: str) -> BIN:
        """A stored value, as it was recorded (see ``_trusted``)."""
        return _trusted(cls, value)

    def __str__(self) -> str:
        return self.value


def compose_iin(birth_date: date, *, male: bool, serial: int) -> IIN:
    """Build a valid IIN (test data and the demo); serials that were never issued are skipped."""
    century_digit = {1800: 1, 1900: 3, 2000: 5}[birth_date.year // 100 * 100] + (0 if male else 1)
    return IIN(_first_issued(lambda n: f"{birth_date:%y%m%d}{century_digit}{n % 10000:04d}",
                             serial))


def compose_bin(year: int, month: int, *, serial: int, entity_type: int = 4,
                attribute: int = 0) -> BIN:
    """Build a valid BIN (test data and the demo); serials that were never issued are skipped."""
    return BIN(_first_issued(
        lambda n: f"{year % 100:02d}{month:02d}{entity_type}{attribute}{n % 100000:05d}", serial))


def _first_issued(body_of: Callable[[int], str], serial: int) -> str:
    """The first 12-digit number from ``serial`` on whose body has a check digit."""
    while (digit := check_digit(body := body_of(serial))) is None:
        serial += 1
    return body + str(digit)

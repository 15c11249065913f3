"""Fields for the domain's values: identifiers, money, dates, months, regions, choices.

Each parses with the domain's own function, so the API refuses exactly what the
domain refuses, naming the same rule (``check_digit``, ``scale``, ``region_code``).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from marshmallow import fields

from domain.shared.calendar import Month as MonthValue
from domain.shared.calendar import parse_date
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money as MoneyValue
from domain.shared.regions import REGIONS, region_code
from interfaces.web.fields.rules import RuledField, from_domain, invalid


class _Parsed(RuledField, fields.String):
    """A string parsed by a domain function; its InvalidValueError names the rule."""

    def parse(self, value: str) -> Any:
        """Subclasses parse with a domain function; the base keeps the string as it is."""
        return value

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        try:
            return self.parse(value)
        except InvalidValueError as error:
            raise from_domain(error) from None

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value)


def _documented(kwargs: dict[str, Any], **schema: Any) -> dict[str, Any]:
    kwargs["metadata"] = {**schema, **kwargs.get("metadata", {})}
    return kwargs


class Bin(_Parsed):
    """Business identification number: 12 digits with a check digit."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_documented(kwargs, pattern=r"^\d{12}$", example="220940000007",
                                       description="BIN: 12 digits with a check digit"))

    def parse(self, value: str) -> BIN:
        return BIN.parse(value)


class Iin(_Parsed):
    """Individual identification number: 12 digits, a birth date and a check digit."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_documented(kwargs, pattern=r"^\d{12}$", example="900115300013",
                                       description="IIN: 12 digits with a check digit"))

    def parse(self, value: str) -> IIN:
        return IIN.parse(value)


class Money(_Parsed):
    """Tenge as a decimal string with two places; loads to ``domain.shared.money.Money``."""

    default_error_messages = {"invalid": 'Money is a decimal string, e.g. "85000.00".'}

    def __init__(self, *, positive: bool = True, **kwargs: Any) -> None:
        self.positive = positive
        super().__init__(**_documented(kwargs, pattern=r"^\d+(\.\d{1,2})?$",
                                       example="85000.00", description="KZT, two places"))

    def parse(self, value: str) -> MoneyValue:
        return MoneyValue.positive(value) if self.positive else MoneyValue.of(value)

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value if isinstance(value, MoneyValue)
                                              else MoneyValue.of(value))


class Date(RuledField, fields.Date):
    """A calendar date ``YYYY-MM-DD`` (nothing else: no times, no other formats)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        try:
            return parse_date(value)
        except InvalidValueError as error:
            raise from_domain(error) from None


class Month(_Parsed):
    default_error_messages = {"invalid": 'A month is a string "YYYY-MM".'}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_documented(kwargs, pattern=r"^\d{4}-\d{2}$", example="2026-09"))

    def parse(self, value: str) -> MonthValue:
        return MonthValue.parse(value)


class Region(_Parsed):
    """ISO 3166-2:KZ region number, e.g. ``"35"`` (Karaganda)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_documented(kwargs, enum=sorted(REGIONS)))

    def parse(self, value: str) -> str:
        return region_code(value)


class Choice(_Parsed):
    """One of fixed strings, or of an Enum's values: loads to the string or the enum member,
    dumps enums' values."""

    def __init__(self, choices: Iterable[str] | type[Enum], **kwargs: Any) -> None:
        self.enum = choices if isinstance(choices, type) and issubclass(choices, Enum) else None
        self.choices = [c.value if isinstance(c, Enum) else c for c in choices]
        super().__init__(**_documented(kwargs, enum=self.choices))

    def parse(self, value: str) -> Any:
        if value not in self.choices:
            allowed = ", ".join(repr(c) for c in self.choices)
            raise invalid(f"must be one of {allowed}, got {value!r}", "choice")
        return value if self.enum is None else self.enum(value)

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return value.value if isinstance(value, Enum) else value

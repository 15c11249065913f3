"""Money in tenge (KZT): ``Decimal`` with two places, never float."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from domain.shared.errors import InvalidValueError

_CENT = Decimal("0.01")
# Far above any real contract; keeps absurd input out of sums and columns.
_MAX = Decimal("1000000000000")
# ASCII digits with an optional point: no exponent, underscore, blank, plus sign or other
# script's digits ("1e5", "1_000", " 100", "NaN" are refused as "format"). More than two
# decimals is refused as "scale", and a sign as "positive" wherever money must be positive.
_AMOUNT_TEXT = re.compile(r"-?[0-9]{1,13}(?:\.[0-9]+)?")


@dataclass(frozen=True, order=True)
class Money:
    amount: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise InvalidValueError("money must be a Decimal", rule="type")
        if not self.amount.is_finite():
            raise InvalidValueError("money must be a finite number", rule="finite")
        if self.amount.as_tuple().exponent < -2:  # type: ignore[operator]
            raise InvalidValueError("money has at most 2 decimal places", rule="scale")
        if abs(self.amount) >= _MAX:
            raise InvalidValueError("amount is out of range", rule="range")
        object.__setattr__(self, "amount", self.amount.quantize(_CENT))

    @classmethod
    def of(cls, value: object) -> Money:
        """Parse a decimal string (``"85000"``, ``"85000.5"``, ``"85000.50"``), an int or a
        Decimal; floats are refused."""
        if isinstance(value, Money):
            return value
        if isinstance(value, Decimal):
            return cls(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls(Decimal(value))
        if not isinstance(value, str):
            raise InvalidValueError("money must be a decimal string such as \"85000.00\"",
                                    rule="type")
        if not _AMOUNT_TEXT.fullmatch(value):
            raise InvalidValueError(f"{value!r} is not an amount: digits 0-9, optionally a point "
                                    "and two decimals", rule="format")
        try:
            return cls(Decimal(value))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            raise InvalidValueError(f"{value!r} is not a decimal amount", rule="format") from None

    @classmethod
    def positive(cls, value: object) -> Money:
        money = value if isinstance(value, Money) else cls.of(value)
        if money.amount <= 0:
            raise InvalidValueError("amount must be positive", rule="positive")
        return money

    @classmethod
    def trusted(cls, text: str) -> Money:
        """A stored amount, as recorded (see ``IIN.trusted``)."""
        instance = object.__new__(cls)
        object.__setattr__(instance, "amount", Decimal(text))
        return instance

    @classmethod
    def zero(cls) -> Money:
        return cls(Decimal("0.00"))

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + other.amount)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - other.amount)

    def times(self, factor: Decimal | int) -> Money:
        return Money((self.amount * Decimal(factor)).quantize(_CENT, rounding=ROUND_HALF_UP))

    def __str__(self) -> str:
        return f"{self.amount:.2f}"

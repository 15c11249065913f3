"""The academic year: 1 September to 31 August, named ``"2026-2027"`` (reimbursement norms
and budgets, targeted-training intakes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import InvalidValueError

_LABEL = re.compile(r"([0-9]{4})-([0-9]{4})")
FIRST_MONTH = 9  # September


@dataclass(frozen=True, order=True)
class AcademicYear:
    """Named by the calendar year it starts in (``start_year``)."""

    start_year: int

    def __post_init__(self) -> None:
        if not 1900 <= self.start_year <= 2199:
            raise InvalidValueError(f"academic year {self.start_year} is out of range",
                                    field="academic_year", rule="range")

    @classmethod
    def parse(cls, value: object, field: str = "academic_year") -> AcademicYear:
        """``"2026-2027"``: two consecutive years."""
        if isinstance(value, AcademicYear):
            return value
        match = _LABEL.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            raise InvalidValueError(f"{value!r} is not an academic year such as \"2026-2027\"",
                                    field=field, rule="format")
        first, second = int(match.group(1)), int(match.group(2))
        if second != first + 1:
            raise InvalidValueError(f"academic year {value} must span two consecutive years "
                                    f"({first}-{first + 1})", field=field,
                                    rule="consecutive")
        return cls(first)

    @classmethod
    def of(cls, day: date) -> AcademicYear:
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def of_month(cls, month: Month) -> AcademicYear:
        return cls.of(month.first_day)

    @property
    def first_day(self) -> date:
        return date(self.start_year, 9, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 8, 31)

    @property
    def period(self) -> DatePeriod:
        return DatePeriod(date(self.start_year, 9, 1), date(self.start_year + 1, 8, 31))

    def __str__(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

"""Business dates: calendar days in Kazakhstan (UTC+5), months and periods."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from domain.shared.errors import InvalidValueError

# Kazakhstan has kept a single time zone, UTC+5, since 1 March 2024.
ALMATY = timezone(timedelta(hours=5), "Asia/Almaty")


def business_today(now: datetime | None = None) -> date:
    """Today's date in Kazakhstan: event timestamps are UTC, business dates are local."""
    return (now or datetime.now(UTC)).astimezone(ALMATY).date()


def parse_date(value: object, field: str = "") -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidValueError(f"{value!r} is not a date YYYY-MM-DD", field=field, rule="date")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1900 <= self.year <= 2200):
            raise InvalidValueError(f"{self} is not a month", rule="month")

    @classmethod
    def parse(cls, value: object) -> Month:
        if isinstance(value, Month):
            return value
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}", value):
            return cls(int(value[:4]), int(value[5:]))
        raise InvalidValueError(f"{value!r} is not a month YYYY-MM", rule="month")

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    @property
    def period(self) -> DatePeriod:
        return DatePeriod(self.first_day, self.last_day)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, order=True)
class DatePeriod:
    """A closed range of calendar days ``[start, end]``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(
                f"period ends ({self.end}) before it starts ({self.start})",
                field="end_date", rule="end_before_start",
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def covers(self, other: DatePeriod) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DatePeriod) -> bool:
        return self.start <= other.end and other.start <= self.end

    def touches(self, other: DatePeriod) -> bool:
        """Overlapping or adjacent (the day after one is the first of the other)."""
        one_day = timedelta(days=1)
        return self.start <= other.end + one_day and other.start <= self.end + one_day

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

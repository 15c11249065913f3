"""Labour seniority (трудовой стаж) from practice periods, counted the Kazakh way.

Seniority is not a count of calendar days: each period is measured by
subtracting dates (months by the calendar, then the remaining days), a borrowed
month counts as 30 days, and every 30 days make a month. So a month from the
15th is one month whatever its length, and a single day on the 31st adds
nothing. ``tests/data/seniority.json`` holds the worked cases every
implementation must reproduce.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from domain.shared.calendar import DatePeriod
from domain.work_experience.errors import CreditLimitsError, DurationError

DAYS_PER_MONTH = 30
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, order=True)
class Duration:
    """Months and days of seniority; days are always normalised to 0..29."""

    months: int
    days: int

    def __post_init__(self) -> None:
        if self.months < 0 or not 0 <= self.days < DAYS_PER_MONTH:
            raise DurationError(
                f"a duration has months >= 0 and days 0-29, got {self.months} months "
                f"{self.days} days (use Duration.of to normalise)")

    @classmethod
    def of(cls, months: int = 0, days: int = 0) -> Duration:
        """Normalise: every 30 days make a month."""
        return cls.from_days(months * DAYS_PER_MONTH + days)

    @classmethod
    def from_days(cls, days: int) -> Duration:
        """``days`` counted in 30-day months."""
        months, rest = divmod(days, DAYS_PER_MONTH)
        return cls(months, rest)

    @property
    def in_days(self) -> int:
        """The duration in 30-day months, as days (the unit the arithmetic adds in)."""
        return self.months * DAYS_PER_MONTH + self.days

    def __add__(self, other: Duration) -> Duration:
        return Duration.from_days(self.in_days + other.in_days)

    def __str__(self) -> str:
        return f"{self.months} months {self.days} days"


ZERO = Duration(0, 0)


def merge_periods(periods: Iterable[DatePeriod]) -> list[DatePeriod]:
    """Sorted periods where overlapping or adjacent ones have become one."""
    merged: list[DatePeriod] = []
    for period in sorted(periods):
        if merged and merged[-1].touches(period):
            last = merged[-1]
            merged[-1] = DatePeriod(last.start, max(last.end, period.end))
        else:
            merged.append(period)
    return merged


def cut_out(periods: Iterable[DatePeriod], suspensions: Iterable[DatePeriod]) -> list[DatePeriod]:
    """The merged ``periods`` without any day of ``suspensions``."""
    pieces = merge_periods(periods)
    for suspension in merge_periods(suspensions):
        remaining: list[DatePeriod] = []
        for piece in pieces:
            if not piece.overlaps(suspension):
                remaining.append(piece)
                continue
            if piece.start < suspension.start:
                remaining.append(DatePeriod(piece.start, suspension.start - _ONE_DAY))
            if suspension.end < piece.end:
                remaining.append(DatePeriod(suspension.end + _ONE_DAY, piece.end))
        pieces = remaining
    return pieces


def period_duration(period: DatePeriod) -> Duration:
    """One period by date subtraction: from its start to the day after its end."""
    after = period.end + _ONE_DAY
    months = 12 * (after.year - period.start.year) + (after.month - period.start.month)
    days = after.day - period.start.day
    if days < 0:
        months -= 1
        days += DAYS_PER_MONTH  # a borrowed month counts as 30 days, whatever its length
    return Duration.of(months, days)


def duration_of(periods: Iterable[DatePeriod]) -> Duration:
    """Total seniority of ``periods``, merged first so no day counts twice."""
    total = ZERO
    for period in merge_periods(periods):
        total = total + period_duration(period)
    return total


def counted_periods(practice: Iterable[DatePeriod],
                    suspensions: Iterable[DatePeriod] = ()) -> list[DatePeriod]:
    """The practice that counts: merged, with suspended days cut out."""
    return cut_out(practice, suspensions)


def seniority(practice: Iterable[DatePeriod],
              suspensions: Iterable[DatePeriod] = ()) -> Duration:
    return duration_of(counted_periods(practice, suspensions))


class CreditOutcome(Enum):
    BELOW_MINIMUM = "below_minimum"
    CREDITED = "credited"
    CAPPED = "capped"


@dataclass(frozen=True)
class Credit:
    total: Duration
    credited: Duration
    outcome: CreditOutcome
    # Why the credit differs from the total (nothing credited, or capped); None when in full.
    reason: str | None


def credit(total: Duration, min_months: int = 6, max_months: int = 18) -> Credit:
    """Under ``min_months`` earns nothing, up to ``max_months`` in full, beyond it the maximum."""
    if not 0 <= min_months <= max_months:
        raise CreditLimitsError(
            f"credit limits need 0 <= minimum <= maximum, got {min_months} and {max_months}")
    minimum, maximum = Duration(min_months, 0), Duration(max_months, 0)
    if total < minimum:
        return Credit(total, ZERO, CreditOutcome.BELOW_MINIMUM, (
            f"practice of {total} is under the minimum of {min_months} months, so nothing "
            f"counts toward labour seniority (practice of {min_months} to {max_months} "
            f"months is credited)"))
    if total > maximum:
        return Credit(total, maximum, CreditOutcome.CAPPED, (
            f"practice of {total} is over the maximum of {max_months} months, so "
            f"{max_months} months are credited"))
    return Credit(total, total, CreditOutcome.CREDITED, None)

"""Rule 3: practice days in a month, and the payable amount.

Practice days are the days of the recorded practice periods (the Annex) that fall in
the month, less the suspended days. A suspension's days run from its start to the day
before the resumption (the trainee is back on the resumption day), or, while it is
open, to the end of the term: the same convention the agreements and the seniority
credit use (``domain.agreements.records.Suspension.period``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from domain.shared.calendar import DatePeriod, Month
from domain.shared.money import Money

_CENT = Decimal("0.01")


def _days(periods: Iterable[DatePeriod], within: DatePeriod) -> set[date]:
    days: set[date] = set()
    for period in periods:
        start, end = max(period.start, within.start), min(period.end, within.end)
        days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return days


def practice_days(month: Month, practice: Iterable[DatePeriod],
                  suspensions: Iterable[DatePeriod]) -> int:
    """Days of ``practice`` in ``month`` that no suspension covers."""
    return len(_days(practice, month.period) - _days(suspensions, month.period))


def norm_limit(norm: Money, days: int, calendar_days: int) -> Money:
    """norm x practice days / calendar days, rounded half up to 0.01 KZT."""
    exact = norm.amount * Decimal(days) / Decimal(calendar_days)
    return Money(exact.quantize(_CENT, rounding=ROUND_HALF_UP))


def payable(claimed: Money, norm: Money, days: int, calendar_days: int) -> Money:
    """The smaller of the costs claimed and the norm for the practice days."""
    return min(claimed, norm_limit(norm, days, calendar_days))


def total(amounts: Iterable[Money]) -> Money:
    result = Money.zero()
    for amount in amounts:
        result = result + amount
    return result

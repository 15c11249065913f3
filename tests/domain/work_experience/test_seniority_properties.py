"""Properties of the seniority arithmetic, checked on generated periods.

Why these and not others: the arithmetic is NOT a count of calendar days.
Measuring ``[start, end]`` as ``g(end + 1 day) - g(start)`` with
``g(d) = 30 * (12 * d.year + d.month) + d.day`` gives the same months and days as
DOMAIN.md's rule (borrowing a month as 30 days leaves ``30 * months + days``
unchanged). So each calendar day weighs ``g(d + 1) - g(d)``: 1 on most days, 0 on
the 31st, 3 on 28 February (2 on 29 February in a leap year). Two periods of the
same calendar length can therefore count differently (a single 31 January counts
nothing, a single 1 September one day), and "seniority is proportional to the
number of days" is false; the true statements are below. Because the weights are
never negative and ``g`` telescopes, cutting a period in two adjacent pieces does
not change the sum, adding days never lowers it and removing days never raises it.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.shared.calendar import DatePeriod, Month
from domain.work_experience.seniority import (
    Duration,
    cut_out,
    duration_of,
    merge_periods,
    period_duration,
    seniority,
)

ONE_DAY = timedelta(days=1)


@st.composite
def periods(draw: st.DrawFn) -> DatePeriod:
    start = draw(st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31)))
    return DatePeriod(start, start + timedelta(days=draw(st.integers(0, 500))))


period_lists = st.lists(periods(), max_size=6)


def _g(day: date) -> int:
    return 30 * (12 * day.year + day.month) + day.day


def _days_of(spans: list[DatePeriod]) -> set[date]:
    return {s.start + timedelta(days=i) for s in spans for i in range(s.days)}


@given(periods(), st.data())
def test_splitting_a_period_into_adjacent_pieces_changes_nothing(period: DatePeriod,
                                                                  data: st.DataObject) -> None:
    if period.days < 2:
        return
    cut = period.start + timedelta(days=data.draw(st.integers(1, period.days - 1)))
    pieces = [DatePeriod(period.start, cut - ONE_DAY), DatePeriod(cut, period.end)]

    assert merge_periods(pieces) == [period]
    assert duration_of(pieces) == period_duration(period)
    # Even unmerged, the pieces add up to the whole: g telescopes at the cut.
    assert period_duration(pieces[0]) + period_duration(pieces[1]) == period_duration(period)


@given(period_lists, st.randoms())
def test_merging_is_idempotent_and_ignores_order(spans: list[DatePeriod], rnd) -> None:  # type: ignore[no-untyped-def]
    merged = merge_periods(spans)
    shuffled = list(spans)
    rnd.shuffle(shuffled)

    assert merge_periods(merged) == merged
    assert merge_periods(shuffled) == merged
    assert _days_of(merged) == _days_of(spans)
    assert all(not a.touches(b) for a, b in zip(merged, merged[1:], strict=False))


@given(period_lists, periods())
def test_adding_a_period_never_lowers_the_total(spans: list[DatePeriod],
                                                extra: DatePeriod) -> None:
    assert duration_of([*spans, extra]) >= duration_of(spans)


@given(period_lists, period_lists)
def test_cutting_out_suspensions_never_raises_the_total(spans: list[DatePeriod],
                                                        suspensions: list[DatePeriod]) -> None:
    remaining = cut_out(spans, suspensions)

    assert seniority(spans, suspensions) <= duration_of(spans)
    assert _days_of(remaining) == _days_of(spans) - _days_of(suspensions)


@given(period_lists)
def test_the_total_is_the_sum_of_each_days_weight_in_thirty_day_months(
        spans: list[DatePeriod]) -> None:
    weights = sum(_g(d + ONE_DAY) - _g(d) for d in _days_of(spans))

    assert duration_of(spans) == Duration.from_days(weights)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
       st.integers(min_value=1, max_value=30))
def test_whole_calendar_months_count_as_exactly_that_many_months(first: date,
                                                                 count: int) -> None:
    month = Month.of(first)
    last = month
    for _ in range(count - 1):
        last = last.next()

    assert period_duration(DatePeriod(month.first_day, last.last_day)) == Duration(count, 0)


def test_equal_calendar_lengths_need_not_count_the_same() -> None:
    # The false property, pinned down so nobody "fixes" the arithmetic into a day count.
    assert period_duration(DatePeriod(date(2025, 1, 31), date(2025, 1, 31))) == Duration(0, 0)
    assert period_duration(DatePeriod(date(2025, 9, 1), date(2025, 9, 1))) == Duration(0, 1)

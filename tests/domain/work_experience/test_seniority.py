"""Seniority arithmetic and the credit rule (DOMAIN.md WorkExperienceCredit rules 1-2)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.shared.calendar import DatePeriod
from domain.work_experience.errors import CreditLimitsError, DurationError
from domain.work_experience.seniority import (
    CreditOutcome,
    Duration,
    credit,
    cut_out,
    duration_of,
    merge_periods,
    period_duration,
    seniority,
)


def p(start: str, end: str) -> DatePeriod:
    return DatePeriod(date.fromisoformat(start), date.fromisoformat(end))


def test_overlapping_and_adjacent_periods_merge_into_one() -> None:
    merged = merge_periods([p("2026-03-01", "2026-03-31"), p("2025-09-01", "2026-02-28"),
                            p("2026-03-15", "2026-04-10")])

    assert merged == [p("2025-09-01", "2026-04-10")]


def test_periods_with_a_day_between_them_stay_apart() -> None:
    merged = merge_periods([p("2025-09-01", "2025-09-30"), p("2025-10-02", "2025-10-31")])

    assert merged == [p("2025-09-01", "2025-09-30"), p("2025-10-02", "2025-10-31")]


def test_a_suspension_inside_a_period_splits_it() -> None:
    pieces = cut_out([p("2025-09-01", "2026-05-31")], [p("2025-12-01", "2026-01-31")])

    assert pieces == [p("2025-09-01", "2025-11-30"), p("2026-02-01", "2026-05-31")]


def test_a_suspension_covering_the_ends_trims_them_and_one_covering_all_removes_it() -> None:
    assert cut_out([p("2025-09-01", "2025-09-30")], [p("2025-08-20", "2025-09-10")]) == [
        p("2025-09-11", "2025-09-30")]
    assert cut_out([p("2025-09-01", "2025-09-30")], [p("2025-09-20", "2025-10-10")]) == [
        p("2025-09-01", "2025-09-19")]
    assert cut_out([p("2025-09-01", "2025-09-30")], [p("2025-08-01", "2025-10-31")]) == []


def test_a_borrowed_month_counts_thirty_days_whatever_its_length() -> None:
    # 10 February to 5 March: e = 6 March, 1 month and -4 days -> 0 months 26 days,
    # although only 24 calendar days passed.
    assert period_duration(p("2025-02-10", "2025-03-05")) == Duration(0, 26)


def test_a_single_day_on_the_thirty_first_adds_nothing() -> None:
    # e = 1 February: 1 month and -30 days -> 0 months 0 days; the day is counted
    # by the next month, which is 30 days whatever its length.
    assert period_duration(p("2025-01-31", "2025-01-31")) == Duration(0, 0)
    assert period_duration(p("2025-01-31", "2025-02-28")) == Duration(1, 0)


def test_thirty_days_left_over_make_a_month() -> None:
    assert duration_of([p("2025-01-01", "2025-01-15"), p("2025-03-01", "2025-03-15")]) == (
        Duration(1, 0))


def test_durations_normalise_and_compare_by_months_then_days() -> None:
    assert Duration.of(0, 75) == Duration(2, 15)
    assert Duration(5, 29) < Duration(6, 0) < Duration(6, 1)
    assert Duration(1, 20) + Duration(0, 15) == Duration(2, 5)
    with pytest.raises(DurationError):
        Duration(1, 30)


def test_under_the_minimum_nothing_is_credited_and_the_reason_says_why() -> None:
    result = credit(Duration(5, 29), min_months=6, max_months=18)

    assert result.credited == Duration(0, 0)
    assert result.outcome is CreditOutcome.BELOW_MINIMUM
    assert "under the minimum of 6 months" in (result.reason or "")


def test_the_minimum_itself_is_credited_in_full() -> None:
    result = credit(Duration(6, 0), min_months=6, max_months=18)

    assert result.credited == Duration(6, 0)
    assert result.outcome is CreditOutcome.CREDITED and result.reason is None


def test_over_the_maximum_only_the_maximum_is_credited() -> None:
    result = credit(Duration(18, 1), min_months=6, max_months=18)

    assert result.credited == Duration(18, 0)
    assert result.outcome is CreditOutcome.CAPPED
    assert "maximum of 18 months" in (result.reason or "")


def test_the_credit_limits_are_configuration() -> None:
    assert credit(Duration(4, 0), min_months=3, max_months=4).outcome is CreditOutcome.CREDITED
    assert credit(Duration(5, 0), min_months=3, max_months=4).credited == Duration(4, 0)
    with pytest.raises(CreditLimitsError):
        credit(Duration(5, 0), min_months=7, max_months=6)


def test_suspended_days_do_not_count() -> None:
    assert seniority([p("2025-09-01", "2026-05-31")], [p("2025-12-01", "2026-01-31")]) == (
        Duration(7, 0))

"""The trainee-level credit: the rule applied to all of the trainee's practice, merged."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from domain.shared.identifiers import IIN
from domain.work_experience.seniority import Duration
from domain.work_experience.summary import summarise
from tests.domain.work_experience.test_credit import credit_with, entry, p

TRAINEE = IIN("050315500004")
LIMITS = {"min_months": 6, "max_months": 18}


def test_a_trainee_without_a_credit_has_no_practice() -> None:
    summary = summarise(TRAINEE, None, **LIMITS)

    assert summary.status == "no_practice" and summary.total == Duration(0, 0)
    assert summary.credited == Duration(0, 0) and summary.version == 0


def test_practice_under_two_agreements_is_merged_before_the_rule_applies() -> None:
    # Four months under each agreement: neither alone reaches six, together they do.
    first = entry(uuid4(), practice=[p("2025-01-01", "2025-04-30")], closed_on=date(2025, 5, 1),
                  number="DT-1")
    second = entry(uuid4(), practice=[p("2025-05-01", "2025-08-31")],
                   closed_on=date(2025, 9, 1), number="DT-2")

    summary = summarise(TRAINEE, credit_with(first, second), **LIMITS)

    assert summary.periods == (p("2025-01-01", "2025-08-31"),)
    assert (summary.total, summary.credited) == (Duration(8, 0), Duration(8, 0))
    assert summary.status == "credited"


def test_each_agreements_suspensions_are_cut_from_its_own_practice() -> None:
    first = entry(uuid4(), practice=[p("2025-01-01", "2025-06-30")],
                  suspensions=[p("2025-03-01", "2025-03-31")])

    summary = summarise(TRAINEE, credit_with(first), **LIMITS)

    assert summary.total == Duration(5, 0) and summary.status == "below_minimum"
    assert "nothing" in summary.reason


def test_an_open_agreement_makes_the_credit_in_progress() -> None:
    active = entry(uuid4(), status="active", closed_on=None,
                   practice=[p("2024-09-01", "2026-04-30")])

    summary = summarise(TRAINEE, credit_with(active), **LIMITS)

    assert summary.status == "in_progress" and summary.credited == Duration(18, 0)


def test_more_than_the_maximum_is_capped() -> None:
    done = entry(uuid4(), practice=[p("2024-09-01", "2026-04-30")])

    summary = summarise(TRAINEE, credit_with(done), **LIMITS)

    assert summary.status == "capped" and summary.credited == Duration(18, 0)

"""A suspension over recorded practice: the Annex keeps the period, the credit cuts the
suspended days out (DOMAIN.md rules 6 and 8)."""

from __future__ import annotations

from datetime import date

from application.agreements import commands as c
from domain.work_experience.seniority import Duration
from tests.application.agreements.fixtures import active_agreement, principals, record_practice


def _active(system):
    return active_agreement(system, start=date(2025, 1, 6), end=date(2026, 10, 30))


def _credited_total(system, agreement) -> Duration:
    credit = system.work_experience.credit_for(principals(agreement).trainee,
                                               agreement.trainee_iin)
    return credit.total


def test_a_suspension_recorded_after_the_practice_it_covers_is_cut_out_of_the_credit(system):
    agreement = _active(system)
    record_practice(system, agreement, date(2025, 9, 1), date(2025, 11, 30))
    enterprise = principals(agreement).enterprise
    system.agreements.suspend(enterprise, c.Suspend(agreement.id, date(2025, 10, 1), "illness", date(2025, 11, 1)))
    system.agreements.resume(enterprise, c.Resume(agreement.id, date(2025, 11, 1)))

    assert _credited_total(system, agreement) == Duration(2, 0)


def test_practice_recorded_across_an_earlier_suspension_is_cut_the_same_way(system):
    agreement = _active(system)
    enterprise = principals(agreement).enterprise
    system.agreements.suspend(enterprise, c.Suspend(agreement.id, date(2025, 10, 1), "illness", date(2025, 11, 1)))
    system.agreements.resume(enterprise, c.Resume(agreement.id, date(2025, 11, 1)))
    record_practice(system, agreement, date(2025, 9, 1), date(2025, 11, 30))

    assert _credited_total(system, agreement) == Duration(2, 0)


def test_the_day_a_suspension_starts_on_the_last_day_of_practice_counts_as_suspended(system):
    agreement = _active(system)
    record_practice(system, agreement, date(2025, 9, 1), date(2025, 10, 1))
    enterprise = principals(agreement).enterprise
    system.agreements.suspend(enterprise, c.Suspend(agreement.id, date(2025, 10, 1), "illness", date(2025, 10, 15)))
    system.agreements.resume(enterprise, c.Resume(agreement.id, date(2025, 10, 15)))

    assert _credited_total(system, agreement) == Duration(1, 0)

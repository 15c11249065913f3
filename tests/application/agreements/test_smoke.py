"""The happy path of an agreement, end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from application.agreements import commands as c
from domain.agreements.agreement import AgreementStatus
from domain.agreements.records import Party
from domain.agreements.terms import TermsChange
from domain.shared.calendar import DatePeriod, Month
from domain.shared.money import Money
from tests.application.agreements import fixtures as agreement_fixtures
from tests.application.agreements.fixtures import (
    MENTOR_IIN,
    active_agreement,
    principals,
    record_practice,
)

world = agreement_fixtures.world


def test_an_agreement_is_registered_signed_practised_and_completed(world):
    agreement = active_agreement(world, start=date(2026, 1, 12), end=date(2026, 11, 20))
    assert agreement.status is AgreementStatus.ACTIVE
    assert agreement.region == "35"
    agreement = record_practice(world, agreement, date(2026, 2, 1), date(2026, 6, 30))
    who = principals(agreement)
    agreement = world.agreements.record_compensation(who.enterprise, c.RecordCompensation(agreement.id, Month.parse("2026-03"), Money.positive("85000.00"), "PAY-1")).aggregate
    agreement = world.agreements.complete(who.college, c.Complete(agreement.id, date(2026, 11, 21))).aggregate
    assert agreement.status is AgreementStatus.COMPLETED
    reread = world.agreements.get(who.auditor, agreement.id)
    assert reread.practice_periods[0].period == DatePeriod(date(2026, 2, 1), date(2026, 6, 30))
    assert str(reread.compensation_total) == "85000.00"
    assert world.agreements.mentors_during(agreement.id, Month(2026, 3)) == {MENTOR_IIN}
    assert world.agreements.find_by_number(agreement.college_bin, agreement.number) == agreement.id
    world.agreements.take_snapshot(agreement.id)
    assert world.agreements.get(who.trainee, agreement.id).practice_periods == \
        reread.practice_periods


def test_a_minor_s_agreement_runs_through_the_bootstrapped_system(system):
    minor = agreement_fixtures.new_trainee_iin(date(2010, 1, 10))
    agreement = active_agreement(system, trainee_iin=minor,
                                 representative_iin=agreement_fixtures.REPRESENTATIVE_IIN)
    assert agreement.status is AgreementStatus.ACTIVE
    assert agreement.representative_iin.value == agreement_fixtures.REPRESENTATIVE_IIN
    who = principals(agreement)
    app = system.agreements
    app.propose_amendment(who.enterprise, c.ProposeAmendment(agreement.id, TermsChange(workplace="Shop 3"), "Moved"))
    app.accept_amendment(who.college, c.AcceptAmendment(agreement.id, 1, Party.COLLEGE))
    amended = app.accept_amendment(who.college, c.AcceptAmendment(agreement.id, 1, Party.LEGAL_REPRESENTATIVE)).aggregate
    assert (amended.workplace, amended.terms_version) == ("Shop 3", 2)
    suspended = app.suspend(who.college, c.Suspend(agreement.id, date(2026, 10, 1), "Illness", date(2026, 10, 15))).aggregate
    assert suspended.status is AgreementStatus.SUSPENDED
    assert app.resume(who.college, c.Resume(agreement.id, date(2026, 10, 12))).aggregate.status is AgreementStatus.ACTIVE

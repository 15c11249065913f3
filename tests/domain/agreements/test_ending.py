"""Rules 9-10 and cancellation: how an agreement ends (and a mistaken termination is undone)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.agreements import errors
from domain.agreements.agreement import AgreementStatus, Party, TerminationReason
from domain.shared.calendar import Month
from domain.shared.money import Money
from tests.domain.agreements.builders import (
    END,
    MENTOR,
    START,
    TODAY,
    active,
    draft,
    practise,
    ready_for_practice,
)

EXPULSION = TerminationReason.EXPULSION


def terminated(by: Party = Party.COLLEGE, on: date = TODAY):
    agreement = ready_for_practice()
    practise(agreement, date(2026, 2, 1), date(2026, 6, 30))
    agreement.terminate(EXPULSION, date(2026, 7, 31), by, "Expelled by order 15", on)
    return agreement


def test_a_termination_records_reason_date_initiator_comment_and_day_recorded():
    agreement = terminated(by=Party.ENTERPRISE)
    assert agreement.status is AgreementStatus.TERMINATED
    termination = agreement.termination
    assert (termination.reason_code, termination.effective_date, termination.initiated_by,
            termination.recorded_on) == (EXPULSION, date(2026, 7, 31), Party.ENTERPRISE, TODAY)


def test_the_effective_date_is_not_before_the_term_start():
    with pytest.raises(errors.TerminationBeforeStartError):
        active().terminate(EXPULSION, START - timedelta(days=1), Party.COLLEGE, "x", TODAY)


def test_only_an_organisation_initiates_a_termination():
    with pytest.raises(errors.TerminationInitiatorError):
        active().terminate(EXPULSION, START, Party.TRAINEE, "x", TODAY)


def test_a_draft_is_cancelled_not_terminated():
    with pytest.raises(errors.AgreementStatusError):
        draft().terminate(EXPULSION, START, Party.COLLEGE, "x", TODAY)


def test_after_termination_nothing_else_is_recorded():
    agreement = terminated()
    with pytest.raises(errors.AgreementStatusError):
        practise(agreement, date(2026, 7, 1), date(2026, 7, 15))
    with pytest.raises(errors.AgreementStatusError):
        agreement.assign_mentor(MENTOR, date(2026, 7, 1))
    with pytest.raises(errors.AgreementStatusError):
        agreement.record_compensation(Month(2026, 7), Money(Decimal("1")), "PAY-9")


def test_the_initiator_revokes_a_mistaken_termination_within_30_days_and_both_are_kept():
    agreement = terminated(on=TODAY - timedelta(days=30))
    agreement.revoke_termination("Wrong student", Party.COLLEGE, TODAY)
    assert agreement.status is AgreementStatus.ACTIVE
    assert agreement.termination is None
    kept = agreement.terminations[0]
    assert (kept.reason_code, kept.revoked_on, kept.revocation_reason) == \
        (EXPULSION, TODAY, "Wrong student")


def test_a_termination_is_not_revoked_after_30_days():
    agreement = terminated(on=TODAY - timedelta(days=31))
    with pytest.raises(errors.RevocationWindowError):
        agreement.revoke_termination("Too late", Party.COLLEGE, TODAY)


def test_only_the_initiating_party_revokes_a_termination():
    agreement = terminated(by=Party.ENTERPRISE)
    with pytest.raises(errors.RevocationPartyError):
        agreement.revoke_termination("Not ours", Party.COLLEGE, TODAY)


def test_revoking_returns_a_suspended_agreement_to_suspension():
    agreement = ready_for_practice()
    agreement.suspend(date(2026, 3, 1), "Leave", date(2026, 9, 1))
    agreement.terminate(EXPULSION, date(2026, 3, 1), Party.COLLEGE, "x", TODAY)
    agreement.revoke_termination("Mistake", Party.COLLEGE, TODAY)
    assert agreement.status is AgreementStatus.SUSPENDED


def test_mentors_are_not_counted_after_the_termination_takes_effect():
    agreement = terminated()
    assert agreement.mentors_during(Month(2026, 7).period) == {MENTOR.value}
    assert agreement.mentors_during(Month(2026, 8).period) == set()


def test_completion_is_on_or_after_the_term_end_and_closes_the_annex():
    agreement = ready_for_practice(end_date=date(2026, 11, 20))
    with pytest.raises(errors.CompletionBeforeEndError):
        agreement.complete(date(2026, 11, 19), TODAY)
    agreement.complete(date(2026, 11, 20), TODAY)
    assert agreement.status is AgreementStatus.COMPLETED
    assert agreement.completed_on == date(2026, 11, 20)
    with pytest.raises(errors.AgreementStatusError):
        practise(agreement, date(2026, 2, 1), date(2026, 2, 28))


def test_completion_is_not_recorded_in_the_future():
    with pytest.raises(errors.CompletionInFutureError):
        ready_for_practice().complete(END, TODAY)


def test_a_draft_is_cancelled_with_a_reason_and_only_a_draft():
    agreement = draft()
    agreement.cancel("Trainee chose another college")
    assert agreement.status is AgreementStatus.CANCELLED
    assert agreement.cancellation_reason == "Trainee chose another college"
    with pytest.raises(errors.AgreementStatusError):
        agreement.cancel("again")
    with pytest.raises(errors.AgreementStatusError):
        active().cancel("too late")

"""Rules 4-8: mentors, safety briefings, practice periods (the Annex), compensation, suspension."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.agreements import errors
from domain.agreements.agreement import AgreementStatus
from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money
from tests.domain.agreements.builders import (
    END,
    MENTOR,
    OTHER_MENTOR,
    START,
    TODAY,
    active,
    draft,
    practise,
    ready_for_practice,
)


def test_the_trainee_is_not_their_own_mentor():
    agreement = active()
    with pytest.raises(errors.MentorIsTraineeError):
        agreement.assign_mentor(agreement.trainee_iin, agreement.start_date)


def test_a_practice_period_needs_a_mentor_assigned_on_or_before_its_start():
    agreement = active()
    agreement.record_safety_briefing(START, "Engineer", TODAY)
    agreement.assign_mentor(MENTOR, date(2026, 3, 1))
    with pytest.raises(errors.MentorRequiredError):
        practise(agreement, date(2026, 2, 1), date(2026, 2, 28))
    practise(agreement, date(2026, 3, 1), date(2026, 3, 31))


def test_a_practice_period_needs_a_safety_briefing_on_or_before_its_start():
    agreement = active()
    agreement.assign_mentor(MENTOR, START)
    agreement.record_safety_briefing(date(2026, 2, 2), "Engineer", TODAY)
    with pytest.raises(errors.SafetyBriefingRequiredError):
        practise(agreement, date(2026, 2, 1), date(2026, 2, 28))
    practise(agreement, date(2026, 2, 2), date(2026, 2, 28))


def test_a_safety_briefing_is_not_recorded_in_the_future():
    with pytest.raises(errors.BriefingInFutureError):
        active().record_safety_briefing(date(2026, 11, 24), "Engineer", TODAY)


def test_replacing_a_mentor_keeps_the_earlier_assignment_ending_the_day_before():
    agreement = ready_for_practice()
    agreement.assign_mentor(OTHER_MENTOR, date(2026, 4, 15))
    first, second = agreement.mentor_assignments
    assert (first.mentor_iin, first.from_date, first.to_date) == \
        (MENTOR.value, START, date(2026, 4, 14))
    assert (second.mentor_iin, second.to_date) == (OTHER_MENTOR.value, None)
    assert agreement.current_mentor_iin == OTHER_MENTOR.value
    assert agreement.mentors_during(Month(2026, 4).period) == {MENTOR.value, OTHER_MENTOR.value}
    assert agreement.mentors_during(Month(2026, 5).period) == {OTHER_MENTOR.value}
    assert agreement.mentors_during(Month(2026, 1).period) == {MENTOR.value}


def test_no_mentor_is_assigned_after_the_term_or_on_a_draft():
    with pytest.raises(errors.OutsideTermError):
        active().assign_mentor(MENTOR, date(2027, 1, 1))
    with pytest.raises(errors.AgreementStatusError):
        draft().assign_mentor(MENTOR, START)


def test_a_practice_period_lies_inside_the_term():
    agreement = ready_for_practice()
    with pytest.raises(errors.PracticeOutsideTermError):
        practise(agreement, date(2026, 1, 5), date(2026, 1, 31))


def test_a_practice_period_is_not_in_the_future():
    agreement = ready_for_practice()
    with pytest.raises(errors.PracticeInFutureError):
        practise(agreement, date(2026, 11, 1), date(2026, 11, 24))


def test_practice_periods_do_not_overlap_each_other():
    agreement = ready_for_practice()
    practise(agreement, date(2026, 2, 1), date(2026, 3, 31))
    with pytest.raises(errors.PracticePeriodOverlapError):
        practise(agreement, date(2026, 3, 31), date(2026, 4, 30))
    practise(agreement, date(2026, 4, 1), date(2026, 4, 30))


def test_a_practice_period_wholly_inside_a_suspension_is_refused():
    agreement = ready_for_practice()
    agreement.suspend(date(2026, 3, 1), "Illness", date(2026, 4, 1))
    agreement.resume(date(2026, 4, 10))
    with pytest.raises(errors.PracticeInSuspensionError):
        practise(agreement, date(2026, 3, 2), date(2026, 4, 9))


def test_a_practice_period_spanning_a_suspension_is_recorded_whole():
    agreement = ready_for_practice()
    agreement.suspend(date(2026, 3, 1), "Illness", date(2026, 4, 1))
    agreement.resume(date(2026, 4, 10))
    practise(agreement, date(2026, 2, 15), date(2026, 4, 30))
    assert agreement.practice_periods[-1].period == DatePeriod(date(2026, 2, 15),
                                                               date(2026, 4, 30))


def test_practice_is_recorded_only_while_the_agreement_is_active():
    agreement = ready_for_practice()
    agreement.suspend(date(2026, 3, 1), "Academic leave", date(2026, 9, 1))
    with pytest.raises(errors.AgreementStatusError):
        practise(agreement, date(2026, 2, 1), date(2026, 2, 27))


def test_suspended_days_run_to_the_day_before_return_or_while_open_to_the_term_end():
    agreement = ready_for_practice()
    agreement.suspend(date(2026, 3, 1), "Illness", date(2026, 3, 20))
    assert agreement.status is AgreementStatus.SUSPENDED
    assert agreement.suspended_periods() == [DatePeriod(date(2026, 3, 1), END)]
    agreement.resume(date(2026, 3, 16))
    assert agreement.status is AgreementStatus.ACTIVE
    assert agreement.suspended_periods() == [DatePeriod(date(2026, 3, 1), date(2026, 3, 15))]
    assert agreement.suspensions[0].expected_return == date(2026, 3, 20)


def test_a_suspension_may_start_inside_practice_already_recorded():
    agreement = ready_for_practice()
    practise(agreement, date(2026, 2, 1), date(2026, 3, 31))
    agreement.suspend(date(2026, 3, 15), "Illness", date(2026, 4, 1))
    assert agreement.suspended_periods() == [DatePeriod(date(2026, 3, 15), END)]
    assert agreement.practice_periods[-1].period.end == date(2026, 3, 31)


def test_a_suspension_may_start_on_the_last_day_of_recorded_practice():
    agreement = ready_for_practice()
    practise(agreement, date(2026, 2, 1), date(2026, 3, 31))
    agreement.suspend(date(2026, 3, 31), "Illness", date(2026, 4, 10))
    assert agreement.suspended_periods()[0].start == date(2026, 3, 31)


def test_a_suspension_does_not_overlap_an_earlier_one():
    agreement = ready_for_practice()
    agreement.suspend(date(2026, 3, 1), "Illness", date(2026, 4, 1))
    agreement.resume(date(2026, 4, 10))
    with pytest.raises(errors.SuspensionOverlapError):
        agreement.suspend(date(2026, 4, 9), "Illness", date(2026, 5, 1))


def test_the_expected_return_comes_after_the_suspension_start():
    with pytest.raises(InvalidValueError) as error:
        ready_for_practice().suspend(date(2026, 3, 1), "Illness", date(2026, 3, 1))
    assert error.value.field == "expected_return"


def test_compensation_is_for_a_month_inside_the_term():
    agreement = active()
    with pytest.raises(errors.OutsideTermError):
        agreement.record_compensation(Month(2027, 1), Money(Decimal("1000")), "PAY-1")
    agreement.record_compensation(Month(2026, 1), Money(Decimal("1000")), "PAY-1")
    assert agreement.compensation_total == Money(Decimal("1000"))


def test_the_same_payment_reference_twice_records_the_compensation_once():
    agreement = active()
    assert agreement.record_compensation(Month(2026, 2), Money(Decimal("50000")), "PAY-7")
    version = agreement.version
    assert not agreement.record_compensation(Month(2026, 2), Money(Decimal("50000")), "PAY-7")
    assert agreement.version == version
    assert len(agreement.compensations) == 1


def test_a_payment_reference_reused_for_other_data_is_refused():
    agreement = active()
    agreement.record_compensation(Month(2026, 2), Money(Decimal("50000")), "PAY-7")
    with pytest.raises(errors.PaymentReferenceReusedError):
        agreement.record_compensation(Month(2026, 3), Money(Decimal("50000")), "PAY-7")

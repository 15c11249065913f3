"""Rule 3: enrolments against an accepted order, never more than its places."""

from datetime import date

import pytest

from domain.targeted_training import errors
from domain.targeted_training.records import EnrolmentStatus, WithdrawalReason
from tests.domain.targeted_training.builders import (
    ENROLLED_ON,
    TODAY,
    an_accepted_order,
    an_order,
    student,
)


def test_the_college_enrols_a_student_against_an_accepted_order():
    order = an_accepted_order()
    enrolment = order.enrol(student(1), "Arman Seitkali", ENROLLED_ON, TODAY)
    assert (enrolment.number, enrolment.status) == (1, EnrolmentStatus.ENROLLED)
    assert order.places_free == 2


def test_a_submitted_order_takes_no_students():
    with pytest.raises(errors.OrderNotAcceptedError):
        an_order().enrol(student(1), "Arman Seitkali", ENROLLED_ON, TODAY)


def test_a_rejected_order_takes_no_students():
    order = an_order()
    order.reject("no places", date(2026, 6, 20))
    with pytest.raises(errors.OrderNotAcceptedError):
        order.enrol(student(1), "Arman Seitkali", ENROLLED_ON, TODAY)


def test_never_more_students_than_places():
    order = an_accepted_order(places=2)
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    order.enrol(student(2), "B", ENROLLED_ON, TODAY)
    with pytest.raises(errors.PlacesFullError):
        order.enrol(student(3), "C", ENROLLED_ON, TODAY)


def test_a_withdrawal_frees_the_place():
    order = an_accepted_order(places=1)
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    order.withdraw(student(1), date(2026, 10, 1), WithdrawalReason.TRANSFERRED, TODAY)
    assert order.enrolment_of(student(1)).status is EnrolmentStatus.WITHDRAWN
    assert order.enrol(student(2), "B", ENROLLED_ON, TODAY).number == 2


def test_a_graduate_keeps_the_place():
    order = an_accepted_order(places=1)
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    order.graduate(student(1), date(2026, 11, 1), TODAY)
    with pytest.raises(errors.PlacesFullError):
        order.enrol(student(2), "B", ENROLLED_ON, TODAY)


def test_a_student_is_enrolled_once_while_in_the_order():
    order = an_accepted_order()
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    with pytest.raises(errors.AlreadyEnrolledError):
        order.enrol(student(1), "A", ENROLLED_ON, TODAY)


def test_a_student_who_left_may_be_enrolled_again_as_a_new_enrolment():
    order = an_accepted_order()
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    order.withdraw(student(1), date(2026, 9, 10), WithdrawalReason.OTHER, TODAY)
    again = order.enrol(student(1), "A", date(2026, 10, 1), TODAY)
    assert again.number == 2 and order.enrolment_of(student(1)) == again


def test_an_enrolment_date_is_not_in_the_future():
    with pytest.raises(errors.FutureDateError):
        an_accepted_order().enrol(student(1), "A", date(2026, 11, 24), TODAY)


@pytest.mark.parametrize("reason", list(WithdrawalReason))
def test_a_withdrawal_keeps_its_reason(reason):
    order = an_accepted_order()
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    order.withdraw(student(1), date(2026, 10, 1), reason, TODAY)
    assert order.enrolment_of(student(1)).withdrawal_reason is reason


@pytest.mark.parametrize("leave", ["withdraw", "graduate"])
def test_only_a_student_in_training_withdraws_or_graduates(leave):
    order = an_accepted_order()
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    order.graduate(student(1), date(2026, 10, 1), TODAY)
    with pytest.raises(errors.NotEnrolledError):
        if leave == "withdraw":
            order.withdraw(student(1), date(2026, 10, 2), WithdrawalReason.OTHER, TODAY)
        else:
            order.graduate(student(1), date(2026, 10, 2), TODAY)


def test_leaving_is_not_before_the_enrolment():
    order = an_accepted_order()
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    with pytest.raises(errors.BeforeEnrolmentError):
        order.graduate(student(1), date(2026, 8, 31), TODAY)
    with pytest.raises(errors.BeforeEnrolmentError):
        order.withdraw(student(1), date(2026, 8, 31), WithdrawalReason.OTHER, TODAY)


def test_graduation_is_not_in_the_future():
    order = an_accepted_order()
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    with pytest.raises(errors.FutureDateError):
        order.graduate(student(1), date(2026, 12, 1), TODAY)


def test_an_unknown_student_is_named():
    with pytest.raises(errors.UnknownEnrolmentError):
        an_accepted_order().graduate(student(9), date(2026, 10, 1), TODAY)

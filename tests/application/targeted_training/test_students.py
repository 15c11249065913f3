"""Students of an accepted order and the graduates' employment (rules 3 and 4)."""

from datetime import date

import pytest

from application.errors import NotFoundError, PermissionDeniedError
from application.targeted_training import commands as t
from domain.targeted_training import errors
from domain.targeted_training.records import EnrolmentStatus, WithdrawalReason
from tests.application.targeted_training.helpers import (
    COLLEGE,
    ENROLLED_ON,
    ENTERPRISE,
    accepted,
    enrol,
    graduate,
    student,
    submit,
)


def test_the_college_enrols_students_up_to_the_orders_places(system):
    order = accepted(system, places=2)
    enrol(system, order, 1)
    enrol(system, order, 2)
    with pytest.raises(errors.PlacesFullError):
        enrol(system, order, 3)
    stored = system.targeted_training.get(COLLEGE, order.id)
    assert [e.trainee_iin for e in stored.enrolments] == [student(1), student(2)]


def test_students_are_enrolled_only_against_an_accepted_order(system):
    order = submit(system)
    with pytest.raises(errors.OrderNotAcceptedError):
        enrol(system, order)


def test_the_enterprise_does_not_enrol_students(system):
    order = accepted(system)
    with pytest.raises(PermissionDeniedError):
        system.targeted_training.enrol(ENTERPRISE, t.EnrolStudent(
            order.id, student(1), "Arman Seitkali", ENROLLED_ON))


def test_a_withdrawal_frees_the_place_for_another_student(system):
    order = accepted(system, places=1)
    iin = enrol(system, order, 1)
    system.targeted_training.withdraw(COLLEGE, t.WithdrawStudent(
        order.id, iin, date(2025, 1, 10), WithdrawalReason.EXPELLED))
    enrol(system, order, 2)
    stored = system.targeted_training.get(COLLEGE, order.id)
    assert [e.status for e in stored.enrolments] == [EnrolmentStatus.WITHDRAWN,
                                                     EnrolmentStatus.ENROLLED]


def test_a_student_not_enrolled_in_the_order_is_not_found(system):
    order = accepted(system)
    with pytest.raises(NotFoundError):
        system.targeted_training.graduate(COLLEGE, t.GraduateStudent(
            order.id, student(9), date(2026, 6, 30)))


def test_the_enterprise_records_a_graduates_employment_and_its_early_end(system):
    order = accepted(system, months=12)
    iin = graduate(system, order)
    app = system.targeted_training
    app.record_employment(ENTERPRISE, t.RecordEmployment(order.id, iin, date(2026, 7, 1),
                                                         "Welder, grade 3"))
    done = app.end_employment(ENTERPRISE, t.EndEmployment(order.id, iin, date(2026, 10, 31),
                                                          "moved to another city"))
    enrolment = done.aggregate.enrolment_of(iin)
    assert enrolment.early_end and enrolment.employment_end_reason == "moved to another city"


def test_the_enterprise_releases_a_graduate_with_a_reason(system):
    order = accepted(system)
    iin = graduate(system, order)
    done = system.targeted_training.record_release(ENTERPRISE, t.RecordRelease(
        order.id, iin, date(2026, 7, 1), "no vacancy in the specialty"))
    assert done.aggregate.enrolment_of(iin).released_on == date(2026, 7, 1)


def test_the_college_does_not_record_employment(system):
    order = accepted(system)
    iin = graduate(system, order)
    with pytest.raises(PermissionDeniedError):
        system.targeted_training.record_employment(COLLEGE, t.RecordEmployment(
            order.id, iin, date(2026, 7, 1), "Welder"))

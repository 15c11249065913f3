"""Rule 4: after graduation, employment or release; an early end; overdue graduates."""

from datetime import date

import pytest

from domain.targeted_training import errors
from tests.domain.targeted_training.builders import (
    ENROLLED_ON,
    TODAY,
    a_graduate,
    an_accepted_order,
    student,
)


def test_the_enterprise_records_a_graduates_employment():
    order = an_accepted_order()
    iin = a_graduate(order)
    order.record_employment(iin, date(2026, 7, 15), "Welder, grade 3", TODAY)
    enrolment = order.enrolment_of(iin)
    assert (enrolment.employed_from, enrolment.position) == (date(2026, 7, 15),
                                                              "Welder, grade 3")


def test_or_a_release_with_a_reason():
    order = an_accepted_order()
    iin = a_graduate(order)
    order.record_release(iin, date(2026, 7, 1), "called up for military service", TODAY)
    assert order.enrolment_of(iin).release_reason == "called up for military service"


@pytest.mark.parametrize("outcome", ["employment", "release"])
def test_only_a_graduate_is_employed_or_released(outcome):
    order = an_accepted_order()
    order.enrol(student(1), "A", ENROLLED_ON, TODAY)
    with pytest.raises(errors.NotGraduatedError):
        if outcome == "employment":
            order.record_employment(student(1), date(2026, 10, 1), "Welder", TODAY)
        else:
            order.record_release(student(1), date(2026, 10, 1), "no vacancy", TODAY)


def test_a_graduate_is_employed_or_released_once():
    order = an_accepted_order()
    iin = a_graduate(order)
    order.record_employment(iin, date(2026, 7, 15), "Welder", TODAY)
    with pytest.raises(errors.OutcomeRecordedError):
        order.record_release(iin, date(2026, 8, 1), "no vacancy", TODAY)
    with pytest.raises(errors.OutcomeRecordedError):
        order.record_employment(iin, date(2026, 8, 1), "Fitter", TODAY)


def test_employment_starts_on_or_after_graduation():
    order = an_accepted_order()
    iin = a_graduate(order)
    with pytest.raises(errors.BeforeGraduationError) as refused:
        order.record_employment(iin, date(2026, 6, 29), "Welder", TODAY)
    assert refused.value.field == "start_date"


def test_employment_is_not_recorded_ahead_of_time():
    order = an_accepted_order()
    iin = a_graduate(order)
    with pytest.raises(errors.FutureDateError):
        order.record_employment(iin, date(2026, 12, 1), "Welder", TODAY)


def test_an_employment_ended_before_the_obligations_months_is_an_early_end():
    order = an_accepted_order(employment_obligation_months=6)
    iin = a_graduate(order, graduated_on=date(2026, 1, 31))
    order.record_employment(iin, date(2026, 2, 1), "Welder", TODAY)
    assert order.end_employment(iin, date(2026, 7, 30), "resigned", TODAY) is True
    enrolment = order.enrolment_of(iin)
    assert enrolment.early_end and enrolment.employment_end_reason == "resigned"


def test_an_employment_ended_after_the_obligations_months_is_not_early():
    order = an_accepted_order(employment_obligation_months=6)
    iin = a_graduate(order, graduated_on=date(2026, 1, 31))
    order.record_employment(iin, date(2026, 2, 1), "Welder", TODAY)
    # 1 February to 31 July: six whole months served.
    assert order.end_employment(iin, date(2026, 7, 31), "contract ended", TODAY) is False
    assert not order.enrolment_of(iin).early_end


def test_only_a_running_employment_ends():
    order = an_accepted_order()
    iin = a_graduate(order)
    with pytest.raises(errors.NotEmployedError):
        order.end_employment(iin, date(2026, 8, 1), "resigned", TODAY)
    order.record_employment(iin, date(2026, 7, 1), "Welder", TODAY)
    order.end_employment(iin, date(2026, 8, 1), "resigned", TODAY)
    with pytest.raises(errors.NotEmployedError):
        order.end_employment(iin, date(2026, 8, 2), "resigned", TODAY)


def test_an_employment_does_not_end_before_it_started():
    order = an_accepted_order()
    iin = a_graduate(order)
    order.record_employment(iin, date(2026, 7, 10), "Welder", TODAY)
    with pytest.raises(errors.EndBeforeStartError):
        order.end_employment(iin, date(2026, 7, 9), "resigned", TODAY)


def test_a_graduate_without_employment_or_release_6_months_on_is_overdue():
    order = an_accepted_order()
    iin = a_graduate(order, graduated_on=date(2026, 5, 23))
    enrolment = order.enrolment_of(iin)
    assert enrolment.is_overdue(date(2026, 11, 23))
    assert not enrolment.is_overdue(date(2026, 11, 22))


def test_an_employed_graduate_is_never_overdue():
    order = an_accepted_order()
    iin = a_graduate(order, graduated_on=date(2026, 1, 10))
    order.record_employment(iin, date(2026, 2, 1), "Welder", TODAY)
    assert not order.enrolment_of(iin).is_overdue(TODAY)

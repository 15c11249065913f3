"""TargetedTrainingOrder: submission bounds and the college's decision (rule 2)."""

from datetime import date

import pytest

from domain.shared.academic_year import AcademicYear
from domain.shared.errors import InvalidValueError
from domain.targeted_training import errors
from domain.targeted_training.records import OrderStatus, add_months
from tests.domain.targeted_training.builders import an_order


def test_a_submitted_order_keeps_its_terms_and_the_enterprise_record_it_was_placed_on():
    order = an_order()
    assert order.status is OrderStatus.SUBMITTED
    assert (order.places, order.employment_obligation_months) == (3, 12)
    assert str(order.academic_year) == "2026-2027"
    assert order.enterprise_oked == "24100"


@pytest.mark.parametrize("places", [0, 501, -1])
def test_places_are_1_to_500(places):
    with pytest.raises(errors.PlacesRangeError) as refused:
        an_order(places=places)
    assert refused.value.field == "places"


@pytest.mark.parametrize("places", [1, 500])
def test_the_bounds_of_places_are_allowed(places):
    assert an_order(places=places).places == places


@pytest.mark.parametrize("months", [5, 61, 0])
def test_the_employment_obligation_is_6_to_60_months(months):
    with pytest.raises(errors.ObligationRangeError):
        an_order(employment_obligation_months=months)


@pytest.mark.parametrize("months", [6, 60])
def test_the_bounds_of_the_obligation_are_allowed(months):
    assert an_order(employment_obligation_months=months).employment_obligation_months == months


def test_the_college_accepts_with_the_state_order_reference():
    order = an_order()
    order.accept("GOZ-2026/35-117", date(2026, 6, 20))
    assert order.status is OrderStatus.ACCEPTED
    assert order.state_order_reference == "GOZ-2026/35-117"
    assert order.decided_on == date(2026, 6, 20)


def test_the_college_rejects_with_a_reason():
    order = an_order()
    order.reject("no state-order places for this specialty", date(2026, 6, 20))
    assert order.status is OrderStatus.REJECTED
    assert order.rejection_reason == "no state-order places for this specialty"


@pytest.mark.parametrize("first", ["accept", "reject"])
def test_an_order_is_decided_once(first):
    order = an_order()
    getattr(order, first)("GOZ-1", date(2026, 6, 20))
    with pytest.raises(errors.OrderDecidedError):
        order.accept("GOZ-2", date(2026, 6, 21))
    with pytest.raises(errors.OrderDecidedError):
        order.reject("changed our mind", date(2026, 6, 21))


@pytest.mark.parametrize(("text", "rule"), [("2026-2028", "consecutive"),
                                            ("2026/2027", "format"), ("26-27", "format"),
                                            ("1800-1801", "range")])
def test_an_academic_year_is_two_consecutive_years(text, rule):
    with pytest.raises(InvalidValueError) as refused:
        AcademicYear.parse(text)
    assert refused.value.rule == rule


def test_an_academic_year_runs_from_1_september_to_31_august():
    year = AcademicYear.parse("2026-2027")
    assert (year.first_day, year.last_day) == (date(2026, 9, 1), date(2027, 8, 31))


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 8, 31), 6, date(2027, 2, 28)), (date(2026, 11, 23), -6, date(2026, 5, 23)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2026, 7, 1), 12, date(2027, 7, 1))])
def test_months_are_added_by_the_calendar_clamped_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected

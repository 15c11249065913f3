"""The field types every blueprint shares: what they accept, and the rule each refusal names."""

from datetime import date
from decimal import Decimal

import pytest
from marshmallow import ValidationError

from domain.participants.aggregates import OrganisationKind
from domain.shared.calendar import Month as MonthValue
from domain.shared.money import Money as MoneyValue
from interfaces.web.fields import (
    Choice,
    Date,
    Iin,
    InputSchema,
    List,
    Money,
    Month,
    Nested,
    OutputSchema,
    Str,
)
from interfaces.web.problems import field_errors


class Person(InputSchema):
    iin = Iin(required=True)
    full_name = Str(required=True)


class Payment(InputSchema):
    amount = Money(required=True)
    paid_on = Date(required=True)
    month = Month()
    party = Choice(["college", "enterprise"])
    trainee = Nested(Person)
    witnesses = List(Nested(Person))


def rules(data: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Payment().load(data)
    return {field: error["rule"] for field, error in field_errors(caught.value.messages).items()}


VALID = {"amount": "85000.5", "paid_on": "2026-11-20"}


def test_money_dates_and_months_load_to_domain_values():
    loaded = Payment().load({**VALID, "month": "2026-10"})

    assert loaded["amount"] == MoneyValue(Decimal("85000.50"))
    assert loaded["paid_on"] == date(2026, 11, 20)
    assert loaded["month"] == MonthValue(2026, 10)


def test_money_is_a_positive_decimal_string_with_at_most_two_places():
    assert rules({**VALID, "amount": 85000}) == {"amount": "type"}
    assert rules({**VALID, "amount": "85000.001"}) == {"amount": "scale"}
    assert rules({**VALID, "amount": "-5.00"}) == {"amount": "positive"}
    assert rules({**VALID, "amount": "lots"}) == {"amount": "format"}


def test_dates_are_real_calendar_days_written_yyyy_mm_dd():
    for bad in ("2026-02-30", "20.11.2026", "2026-11-20T10:00:00", 20261120):
        assert rules({**VALID, "paid_on": bad}) == {"paid_on": "date"}, bad


def test_nested_and_listed_fields_are_named_with_dots():
    data = {**VALID, "trainee": {"iin": "123", "full_name": "A"},
            "witnesses": [{"iin": "070201600772", "full_name": ""}], "party": "bank"}

    assert rules(data) == {"trainee.iin": "length", "witnesses.0.iin": "check_digit",
                           "witnesses.0.full_name": "length", "party": "choice"}


def test_a_nested_value_that_is_not_an_object_is_a_type_error_on_that_field():
    assert rules({**VALID, "trainee": "Aigerim"}) == {"trainee": "type"}


def test_outputs_write_money_with_two_places_and_enums_by_value():
    class Out(OutputSchema):
        amount = Money()
        kind = Choice(OrganisationKind)
        on = Date()

    dumped = Out().dump({"amount": MoneyValue(Decimal("85000")), "kind": OrganisationKind.COLLEGE,
                         "on": date(2026, 1, 5)})

    assert dumped == {"amount": "85000.00", "kind": "college", "on": "2026-01-05"}

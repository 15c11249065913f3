"""The request schemas parse once into domain values, refusing what the domain would
(moved here from the domain tests, now that the aggregate takes parsed values only)."""

from __future__ import annotations

from datetime import date

import pytest
from marshmallow import ValidationError

from domain.agreements.terms import TermsChange
from domain.shared.calendar import DatePeriod
from interfaces.web.fields.rules import rule_of
from interfaces.web.resources.agreements.schemas_in import (
    PracticePeriodIn,
    ReasonIn,
    TerminationIn,
    TermsChangeIn,
)


def refused(schema, data) -> dict:
    with pytest.raises(ValidationError) as error:
        schema.load(data)
    return error.value.messages


def test_a_termination_needs_a_comment():
    messages = refused(TerminationIn(), {"reason_code": "expulsion",
                                         "effective_date": "2026-09-01", "comment": " "})
    assert list(messages) == ["comment"]


def test_a_cancellation_needs_a_reason():
    assert "reason" in refused(ReasonIn(), {"reason": ""})


def test_planned_practice_months_must_be_a_whole_positive_number():
    messages = refused(TermsChangeIn(), {"changes": {"planned_practice_months": 0}})
    assert rule_of(messages["changes"]["planned_practice_months"][0]) == "range"


def test_an_unknown_term_is_refused_not_ignored():
    messages = refused(TermsChangeIn(), {"changes": {"salary": "100"}})
    assert rule_of(messages["changes"]["salary"][0]) == "unknown_field"


def test_term_values_load_as_a_terms_change_and_bad_dates_name_their_field():
    loaded = TermsChangeIn().load({"changes": {"end_date": "2026-12-31",
                                               "planned_practice_months": 9}})
    assert loaded["changes"] == TermsChange(end_date=date(2026, 12, 31),
                                            planned_practice_months=9)
    messages = refused(TermsChangeIn(), {"changes": {"start_date": "2026-02-30"}})
    assert "start_date" in messages["changes"]


def test_a_practice_period_loads_as_one_period_and_refuses_an_end_before_its_start():
    body = {"start_date": "2026-02-01", "end_date": "2026-02-28", "position": "Welder",
            "duties": "Tack welding"}
    assert PracticePeriodIn().load(body)["period"] == DatePeriod(date(2026, 2, 1),
                                                                 date(2026, 2, 28))
    messages = refused(PracticePeriodIn(), {**body, "end_date": "2026-01-31"})
    assert rule_of(messages["end_date"][0]) == "end_before_start"

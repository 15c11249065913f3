"""Request bodies and query strings of the agreement endpoints (API.md, dual-training agreements).

Each field refuses what the domain refuses, naming the same rule; the rules that need
the agreement's state (overlaps, order of records) stay in the domain and answer 409.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, post_load

from domain.agreements.records import Party, TerminationReason
from domain.agreements.terms import MAX_PLANNED_MONTHS, Person, TermsChange
from domain.shared.calendar import DatePeriod
from interfaces.web.fields import (
    Bin,
    Choice,
    Date,
    Iin,
    InputSchema,
    Int,
    Money,
    Month,
    Nested,
    PointInTimeQuery,
    Range,
    Str,
)
from interfaces.web.fields.rules import RuleMessage

_PLANNED_MONTHS = Range(min=1, max=MAX_PLANNED_MONTHS)


def period_of(data: dict[str, Any]) -> dict[str, Any]:
    """``start_date`` and ``end_date`` become one ``DatePeriod`` under ``period``; an end
    before the start is refused on ``end_date`` (rule ``end_before_start``)."""
    start, end = data.pop("start_date"), data.pop("end_date")
    if end < start:
        raise ValidationError({"end_date": [RuleMessage(
            f"the period ends ({end}) before it starts ({start})", "end_before_start")]})
    return {**data, "period": DatePeriod(start, end)}


class PersonIn(InputSchema):
    iin = Iin(required=True)
    full_name = Str(required=True, max_length=200)

    @post_load
    def _person(self, data: dict[str, Any], **kwargs: Any) -> Person:
        return Person(**data)


class AgreementIn(InputSchema):
    number = Str(required=True, max_length=50, metadata={"example": "DT-2026-001"})
    college_bin = Bin(required=True)
    enterprise_bin = Bin(required=True)
    trainee = Nested(PersonIn, required=True)
    legal_representative = Nested(PersonIn, allow_none=True, metadata={
        "description": "required when the trainee is under 18 on the day of registration"})
    specialty_code = Str(required=True, metadata={"example": "07150200"})
    qualification = Str(required=True, metadata={"example": "Electric and gas welder"})
    start_date = Date(required=True)
    end_date = Date(required=True)
    planned_practice_months = Int(required=True, validate=_PLANNED_MONTHS, metadata={
        "description": "outside the credited range (6-18 by default) is accepted but flagged (no seniority credit unless "
                       "the actual practice reaches 6 months)"})
    workplace = Str(required=True)

    @post_load
    def _term(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        data = period_of(data)
        data["term"] = data.pop("period")
        return data


class TermsIn(InputSchema):
    """Some of the terms: only the ones given change."""

    specialty_code = Str()
    qualification = Str()
    start_date = Date()
    end_date = Date()
    planned_practice_months = Int(validate=_PLANNED_MONTHS)
    workplace = Str()

    @post_load
    def _change(self, data: dict[str, Any], **kwargs: Any) -> TermsChange:
        return TermsChange(**data)


class TermsChangeIn(InputSchema):
    changes = Nested(TermsIn, required=True)


class AmendmentIn(InputSchema):
    changes = Nested(TermsIn, required=True)
    reason = Str(required=True)


class PartyIn(InputSchema):
    party = Choice(Party, required=True, metadata={
        "description": "the college records the trainee's and the legal representative's "
                       "signatures made on paper; a trainee signs as itself"})


class MentorAssignmentIn(InputSchema):
    mentor_iin = Iin(required=True)
    from_date = Date(required=True)


class SafetyBriefingIn(InputSchema):
    date = Date(required=True)
    instructor = Str(required=True)


class PracticePeriodIn(InputSchema):
    start_date = Date(required=True)
    end_date = Date(required=True)
    position = Str(required=True)
    duties = Str(required=True, max_length=2000, multiline=True)

    @post_load
    def _period(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return period_of(data)


class CompensationIn(InputSchema):
    month = Month(required=True)
    amount = Money(required=True)
    payment_reference = Str(required=True, max_length=100)


class SuspensionIn(InputSchema):
    start_date = Date(required=True)
    reason = Str(required=True)
    expected_return = Date(required=True)


class DateIn(InputSchema):
    """The day it happened: a resumption (the return) or a completion."""

    date = Date(required=True)


class TerminationIn(InputSchema):
    reason_code = Choice(TerminationReason, required=True)
    effective_date = Date(required=True)
    comment = Str(required=True, max_length=2000, multiline=True)


class ReasonIn(InputSchema):
    """Why: a termination's revocation, or a draft's cancellation."""

    reason = Str(required=True)


class AgreementAtQuery(PointInTimeQuery):
    """An agreement as it was: at a version, or at a moment."""

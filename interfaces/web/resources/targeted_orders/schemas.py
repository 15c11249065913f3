"""Targeted-training orders on the wire (API.md, targeted training by enterprise request).

Inputs refuse what the domain refuses, naming the same rule (``places_range``,
``obligation_range``, ``check_digit``); the rules that need the order's state or the
enterprise's record (eligibility, places taken, a graduate's outcome) stay in the
domain: 409. Outputs dump ``domain.targeted_training.order.TargetedTrainingOrder`` and
its enrolments directly; the students' IINs and names are shown to the order's parties
and auditors, the only ones who may read an order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import post_load

from domain.participants.aggregates import EnterpriseSize
from domain.shared.academic_year import AcademicYear
from domain.shared.errors import InvalidValueError
from domain.targeted_training.order import check_obligation, check_places
from domain.targeted_training.records import (
    MAX_OBLIGATION_MONTHS,
    MAX_PLACES,
    MIN_OBLIGATION_MONTHS,
    MIN_PLACES,
    NUMBER_MAX_LENGTH,
    REASON_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    EnrolmentStatus,
    OrderStatus,
    WithdrawalReason,
)
from interfaces.web.fields import (
    AggregateOut,
    Bin,
    Bool,
    Choice,
    Date,
    Iin,
    InputSchema,
    Int,
    List,
    Nested,
    OutputSchema,
    PointInTimeQuery,
    Region,
    Str,
)
from interfaces.web.fields.rules import from_domain
from interfaces.web.fields.values import _Parsed


class AcademicYearField(_Parsed):
    """An academic year ``2026-2027`` (1 September to 31 August)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(metadata={"pattern": r"^\d{4}-\d{4}$", "example": "2026-2027",
                                   **kwargs.pop("metadata", {})}, **kwargs)

    def parse(self, value: str) -> AcademicYear:
        return AcademicYear.parse(value)


class Bounded(Int):
    """A whole number checked by a domain function, which names the rule."""

    def __init__(self, check: Callable[[int], None], low: int, high: int,
                 **kwargs: Any) -> None:
        self.check = check
        super().__init__(metadata={"minimum": low, "maximum": high,
                                   **kwargs.pop("metadata", {})}, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        number = super()._deserialize(value, attr, data, **kwargs)
        try:
            self.check(number)
        except InvalidValueError as error:
            raise from_domain(error) from None
        return number


class OrderIn(InputSchema):
    number = Str(required=True, max_length=NUMBER_MAX_LENGTH, metadata={"example": "TO-2026-01"})
    college_bin = Bin(required=True)
    enterprise_bin = Bin(required=True, metadata={
        "description": "the enterprise placing the order: medium or large, not agro-industrial"})
    academic_year = AcademicYearField(required=True, metadata={
        "description": "the intake's academic year"})
    specialty_code = Str(required=True, max_length=20, metadata={"example": "07150200"})
    qualification = Str(required=True, max_length=TEXT_MAX_LENGTH,
                        metadata={"example": "Electric and gas welder"})
    places = Bounded(check_places, MIN_PLACES, MAX_PLACES, required=True)
    employment_obligation_months = Bounded(check_obligation, MIN_OBLIGATION_MONTHS,
                                           MAX_OBLIGATION_MONTHS, required=True, metadata={
                                               "description": "how long each graduate is to "
                                                              "be employed"})


class AcceptanceIn(InputSchema):
    state_order_reference = Str(required=True, max_length=REFERENCE_MAX_LENGTH, metadata={
        "description": "the reference of the state educational order's placement"})


class OrderRejectionIn(InputSchema):
    reason = Str(required=True, max_length=REASON_MAX_LENGTH, multiline=True)


class StudentIn(InputSchema):
    iin = Iin(required=True)
    full_name = Str(required=True, max_length=TEXT_MAX_LENGTH)


class EnrolmentIn(InputSchema):
    trainee = Nested(StudentIn, required=True)
    enrolled_on = Date(required=True)

    @post_load
    def _flat(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {"iin": data["trainee"]["iin"], "full_name": data["trainee"]["full_name"],
                "enrolled_on": data["enrolled_on"]}


class WithdrawalIn(InputSchema):
    date = Date(required=True)
    reason = Choice(WithdrawalReason, required=True)


class GraduationIn(InputSchema):
    date = Date(required=True)


class EmploymentIn(InputSchema):
    start_date = Date(required=True)
    position = Str(required=True, max_length=TEXT_MAX_LENGTH)


class DatedReasonIn(InputSchema):
    date = Date(required=True)
    reason = Str(required=True, max_length=REASON_MAX_LENGTH, multiline=True)


class OrderAtQuery(PointInTimeQuery):
    """An order as it was: at a version, or at a moment."""


class EnrolmentOut(OutputSchema):
    number = Int(metadata={"description": "1, 2, ... per order"})
    iin = Iin(attribute="trainee_iin")
    full_name = Str(attribute="trainee_name")
    enrolled_on = Date()
    status = Choice(EnrolmentStatus)
    withdrawn_on = Date(allow_none=True)
    withdrawal_reason = Choice(WithdrawalReason, allow_none=True)
    graduated_on = Date(allow_none=True)
    employed_from = Date(allow_none=True)
    position = Str(allow_none=True)
    released_on = Date(allow_none=True)
    release_reason = Str(allow_none=True)
    employment_ended_on = Date(allow_none=True)
    employment_end_reason = Str(allow_none=True)
    early_end = Bool(metadata={"description": "ended before the obligation's months"})


class OrderOut(AggregateOut):
    number = Str()
    status = Choice(OrderStatus)
    enterprise_bin = Bin()
    college_bin = Bin()
    region = Region(metadata={"description": "the college's region"})
    academic_year = AcademicYearField()
    specialty_code = Str()
    qualification = Str()
    places = Int()
    places_taken = Int(metadata={"description": "enrolled and graduated students"})
    places_free = Int()
    employment_obligation_months = Int()
    enterprise_size = Choice(EnterpriseSize, metadata={
        "description": "the enterprise's record when it placed the order"})
    enterprise_oked = Str()
    submitted_on = Date()
    state_order_reference = Str(allow_none=True)
    decided_on = Date(allow_none=True)
    rejection_reason = Str(allow_none=True)
    enrolments = List(Nested(EnrolmentOut))

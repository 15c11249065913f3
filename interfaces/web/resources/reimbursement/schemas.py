"""Reimbursement on the wire (API.md, reimbursement of enterprises' costs).

Inputs refuse what the domain refuses, naming the same rule; rules that need the
recorded state (one claim per month, practice days, the budget) stay in the domain: 409.
"""

from __future__ import annotations

from typing import Any

from marshmallow import post_load

from domain.reimbursement.records import (
    MAX_COST_LINES,
    REASON_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    SPECIALTY_MAX_LENGTH,
    ClaimStatus,
    CostCategory,
    CostLine,
)
from domain.shared.academic_year import AcademicYear as AcademicYearValue
from interfaces.web.fields import (
    AggregateOut,
    Bin,
    Bool,
    Choice,
    Date,
    InputSchema,
    Int,
    Length,
    List,
    Money,
    Month,
    Nested,
    OutputSchema,
    PointInTimeQuery,
    Str,
    Uuid,
)
from interfaces.web.fields.values import _Parsed


class AcademicYear(_Parsed):
    """``"2026-2027"``: 1 September 2026 to 31 August 2027."""

    default_error_messages = {"invalid": 'An academic year is a string "YYYY-YYYY".'}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["metadata"] = {"pattern": r"^\d{4}-\d{4}$", "example": "2026-2027",
                              **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def parse(self, value: str) -> AcademicYearValue:
        return AcademicYearValue.parse(value)


class NormIn(InputSchema):
    academic_year = AcademicYear(required=True)
    monthly_norm = Money(required=True, metadata={"description": "KZT per trainee and month"})
    specialty_code = Str(max_length=SPECIALTY_MAX_LENGTH, allow_none=True, metadata={
        "description": "this specialty's own norm (wins over the year's default)",
        "example": "07150200"})


class BudgetIn(InputSchema):
    academic_year = AcademicYear(required=True)
    amount = Money(required=True, metadata={
        "description": "the college's budget for the year; replaces an earlier one"})


class CostLineIn(InputSchema):
    category = Choice(CostCategory, required=True)
    amount = Money(required=True)
    document_reference = Str(required=True, max_length=REFERENCE_MAX_LENGTH, metadata={
        "description": "the supporting document (invoice, payroll, act)"})

    @post_load
    def _line(self, data: dict[str, Any], **kwargs: Any) -> CostLine:
        return CostLine(**data)


class ClaimIn(InputSchema):
    agreement_id = Uuid(required=True)
    month = Month(required=True, metadata={"description": "a calendar month of the term"})
    costs = List(Nested(CostLineIn), required=True,
                 validate=Length(min=1, max=MAX_COST_LINES))

    @post_load
    def _frozen(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {**data, "costs": tuple(data["costs"])}


class ClaimRejectionIn(InputSchema):
    reason = Str(required=True, max_length=REASON_MAX_LENGTH, multiline=True, metadata={
        "description": "what the enterprise must correct before claiming the month again"})


class ClaimPaymentIn(InputSchema):
    payment_reference = Str(required=True, max_length=REFERENCE_MAX_LENGTH, metadata={
        "description": "the bank's reference: the same one twice records it once"})
    paid_on = Date(required=True)


class ClaimReversalIn(InputSchema):
    reason = Str(required=True, max_length=REASON_MAX_LENGTH, multiline=True, metadata={
        "description": "why the payment came back"})


class ClaimAtQuery(PointInTimeQuery):
    """A claim as it was: at a version, or at a moment."""


class NormOut(OutputSchema):
    specialty_code = Str(allow_none=True, metadata={"description": "null: the year's default"})
    monthly_norm = Money()


class NormsOut(AggregateOut):
    academic_year = AcademicYear()
    default_norm = Money(allow_none=True)
    norms = List(Nested(NormOut))


class BudgetOut(AggregateOut):
    college_bin = Bin()
    academic_year = AcademicYear()
    amount = Money(positive=False)
    approved = Money(positive=False, metadata={"description": "approved claims charged to it"})
    remaining = Money(positive=False)


class CostLineOut(OutputSchema):
    category = Choice(CostCategory)
    amount = Money()
    document_reference = Str()


class ClaimPaymentOut(OutputSchema):
    payment_reference = Str()
    amount = Money()
    paid_on = Date()
    reversed = Bool()
    reversal_reason = Str(allow_none=True)
    reversed_on = Date(allow_none=True)


class ClaimOut(AggregateOut):
    agreement_id = Uuid()
    agreement_number = Str()
    college_bin = Bin()
    enterprise_bin = Bin()
    month = Month()
    academic_year = AcademicYear()
    status = Choice(ClaimStatus)
    costs = List(Nested(CostLineOut))
    claimed = Money(metadata={"description": "the sum of the cost lines"})
    norm = Money(metadata={"description": "the monthly norm used (specialty's or default)"})
    practice_days = Int(metadata={"description": "practice days in the month, less suspended"})
    calendar_days = Int()
    payable = Money(positive=False, metadata={
        "description": "min(claimed, norm x practice_days / calendar_days), half up"})
    submitted_on = Date()
    approved_amount = Money(allow_none=True)
    decided_on = Date(allow_none=True)
    rejection_reason = Str(allow_none=True)
    payments = List(Nested(ClaimPaymentOut))
    paid = Money(positive=False, metadata={"description": "net of reversals"})

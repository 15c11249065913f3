"""Mentor service contracts on the wire (API.md, mentor service contracts and payments).

Inputs refuse what the domain refuses, naming the same rule (``check_digit``,
``positive``, ``scale``); the rules that need the contract's state (the ceiling, what
is approved and unpaid, an agreement-month billed twice) stay in the domain: 409.
Outputs dump ``domain.mentor_payments.contract.MentorServiceContract`` and its records directly.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load

from domain.mentor_payments.records import (
    NUMBER_MAX_LENGTH,
    REASON_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    ActStatus,
    RateType,
    parse_hours,
)
from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
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
    Money,
    Month,
    Nested,
    OutputSchema,
    PointInTimeQuery,
    Str,
    Uuid,
)
from interfaces.web.fields.rules import RuledField, from_domain


class Hours(RuledField, fields.String):
    """Hours of service: positive, at most two places; a JSON number or a decimal string."""

    default_error_messages = {"invalid": 'Hours are a number or a decimal string, e.g. "12.5".'}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(metadata={"pattern": r"^\d+(\.\d{1,2})?$", "example": "12.5",
                                   **kwargs.pop("metadata", {})}, **kwargs)

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.make_error("invalid")
        try:
            return parse_hours(value)
        except InvalidValueError as error:
            raise from_domain(error) from None


class ContractIn(InputSchema):
    """Loads what ``ConcludeContract`` takes: the two dates become its ``term``."""

    number = Str(required=True, max_length=NUMBER_MAX_LENGTH,
                 metadata={"example": "MS-2026-001"})
    college_bin = Bin(required=True)
    mentor_iin = Iin(required=True, metadata={
        "description": "a registered mentor of the enterprise"})
    enterprise_bin = Bin(required=True)
    start_date = Date(required=True)
    end_date = Date(required=True)
    rate_type = Choice(RateType, required=True)
    rate = Money(required=True, metadata={
        "description": "per hour, or per trainee and month (KZT, gross)"})
    ceiling = Money(required=True, metadata={"description": "the contract's total"})

    @post_load
    def _term(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        start, end = data.pop("start_date"), data.pop("end_date")
        try:
            return {**data, "term": DatePeriod(start, end)}
        except InvalidValueError as error:  # end_before_start, on end_date
            raise ValidationError(from_domain(error).messages, field_name="end_date") from None


class ActIn(InputSchema):
    month = Month(required=True, metadata={"description": "a month of the term, begun"})
    agreement_ids = List(Uuid(), required=True, metadata={
        "description": "the agreements mentored that month (the mentor assigned to each)"})
    hours = Hours(required=True)

    @post_load
    def _frozen_ids(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return {**data, "agreement_ids": tuple(data["agreement_ids"])}


class PaymentIn(InputSchema):
    amount = Money(required=True)
    payment_reference = Str(required=True, max_length=REFERENCE_MAX_LENGTH, metadata={
        "description": "the bank's reference: the same one twice records it once"})
    paid_on = Date(required=True)


class RejectionIn(InputSchema):
    reason = Str(required=True, max_length=REASON_MAX_LENGTH, multiline=True, metadata={
        "description": "what the mentor must correct before billing the months again"})


class ReversalIn(InputSchema):
    reason = Str(required=True, max_length=REASON_MAX_LENGTH, multiline=True, metadata={
        "description": "why the payment came back (wrong account, closed account...)"})


class ContractAtQuery(PointInTimeQuery):
    """A contract as it was: at a version, or at a moment."""


class ActOut(OutputSchema):
    number = Int(metadata={"description": "1, 2, ... per contract"})
    month = Month()
    agreement_ids = List(Uuid())
    hours = Hours()
    amount = Money(metadata={"description": "from the rate: rate x hours, or x agreements"})
    status = Choice(ActStatus)
    submitted_by = Str(metadata={"example": "mentor"})
    rejection_reason = Str(allow_none=True)


class PaymentOut(OutputSchema):
    payment_reference = Str()
    amount = Money()
    paid_on = Date()
    reversed = Bool(metadata={"description": "returned: its amount is open again"})
    reversal_reason = Str(allow_none=True)
    reversed_on = Date(allow_none=True)


class ContractOut(AggregateOut):
    number = Str()
    college_bin = Bin()
    mentor_iin = Iin()
    enterprise_bin = Bin()
    start_date = Date()
    end_date = Date()
    rate_type = Choice(RateType)
    rate = Money()
    ceiling = Money()
    acts = List(Nested(ActOut))
    payments = List(Nested(PaymentOut))
    approved_total = Money(positive=False)
    paid_total = Money(positive=False, metadata={"description": "net of reversals"})
    approved_unpaid = Money(positive=False, metadata={"description": "what may still be paid"})


class SubmittedActOut(ActOut):
    """The act just submitted, and its contract as it now is."""

    contract = Nested(ContractOut)

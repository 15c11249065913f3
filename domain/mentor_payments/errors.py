"""The business rules of mentor service contracts, one class each.

``rule`` is the machine code a client sees (409, or 422 for a malformed value); the codes
are part of the API and never change. Callers and tests match the class, not the prose.
"""

from __future__ import annotations

from domain.shared.errors import InvalidValueError, RuleViolationError


class MonthOutsideTermError(RuleViolationError):
    rule = "month_outside_term"


class FutureMonthError(InvalidValueError):
    """Services are billed after they are rendered."""

    rule = "future_month"


class DoubleBillingError(RuleViolationError):
    """An agreement-month is billed once, across all of a mentor's contracts."""

    rule = "double_billing"


class CeilingError(RuleViolationError):
    """Neither the approved total nor the total paid may pass the contract's ceiling."""

    rule = "ceiling"


class UnknownActError(RuleViolationError):
    rule = "unknown_act"


class ActDecidedError(RuleViolationError):
    rule = "act_decided"


class FuturePaymentError(InvalidValueError):
    rule = "future_date"


class PaymentReferenceReusedError(RuleViolationError):
    rule = "payment_reference_reused"


class PaidBeforeTermError(RuleViolationError):
    rule = "paid_before_term"


class OverpaymentError(RuleViolationError):
    """Only what is approved and not yet paid may be paid."""

    rule = "overpayment"


class UnknownPaymentError(RuleViolationError):
    rule = "unknown_payment"


class AlreadyReversedError(RuleViolationError):
    rule = "already_reversed"


class DuplicateContractNumberError(RuleViolationError):
    """A contract number is taken once per college."""

    rule = "duplicate"


class OtherPartiesError(RuleViolationError):
    """An act bills only agreements between the contract's college and enterprise."""

    rule = "other_parties"


class NotAssignedMentorError(RuleViolationError):
    """An act bills only agreements its mentor was assigned to in that month."""

    rule = "not_assigned_mentor"

"""The business rules of reimbursement claims, one class each (``rule`` is the API's code)."""

from __future__ import annotations

from domain.shared.errors import InvalidValueError, RuleViolationError


class MonthOutsideTermError(RuleViolationError):
    """A claim covers one calendar month inside the agreement's term."""

    rule = "month_outside_term"


class NoPracticeDaysError(RuleViolationError):
    """A month with no practice day (recorded, not suspended) cannot be claimed."""

    rule = "no_practice_days"


class NoNormError(RuleViolationError):
    """No monthly norm is set for the month's academic year (nor for the specialty)."""

    rule = "no_norm"


class DuplicateClaimError(RuleViolationError):
    """One claim per agreement and month, unless the earlier one was rejected."""

    rule = "duplicate_claim"


class ClaimDecidedError(RuleViolationError):
    """Only a submitted claim is approved or rejected."""

    rule = "claim_decided"


class NotApprovedError(RuleViolationError):
    """Only an approved claim is paid."""

    rule = "not_approved"


class BudgetExceededError(RuleViolationError):
    """Approvals may not exceed the college's remaining budget for the academic year."""

    rule = "budget_exceeded"


class PaymentReferenceReusedError(RuleViolationError):
    rule = "payment_reference_reused"


class UnknownPaymentError(RuleViolationError):
    rule = "unknown_payment"


class AlreadyReversedError(RuleViolationError):
    rule = "already_reversed"


class FuturePaymentError(InvalidValueError):
    rule = "future_date"


class PaidBeforeApprovalError(RuleViolationError):
    rule = "paid_before_approval"


class AgreementNotStartedError(RuleViolationError):
    """A draft or cancelled agreement has no practice to reimburse."""

    rule = "agreement_not_started"

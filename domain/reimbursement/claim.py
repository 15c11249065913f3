"""ReimbursementClaim: the college reimburses an enterprise's dual-training costs (Order No. 597).

``submit`` checks rules 2 and 3 against the agreement's facts (as followed by
reimbursement, ``guards.FollowedAgreement``) and the year's norms, and records the
computed figures with the claim: a later norm does not change a submitted claim. Rules
that span aggregates (one claim per agreement-month; the budget) are kept by the
guards the application saves with the claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.reimbursement import calculation
from domain.reimbursement.errors import (
    AgreementNotStartedError,
    AlreadyReversedError,
    ClaimDecidedError,
    FuturePaymentError,
    MonthOutsideTermError,
    NoNormError,
    NoPracticeDaysError,
    NotApprovedError,
    PaidBeforeApprovalError,
    PaymentReferenceReusedError,
    UnknownPaymentError,
)
from domain.reimbursement.records import (
    MAX_COST_LINES,
    AgreementFacts,
    ClaimPayment,
    ClaimStatus,
    CostLine,
)
from domain.reimbursement.reference import ReimbursementNorms
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import Month
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN
from domain.shared.money import Money


class ReimbursementClaim(AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:reimbursement.ReimbursementClaim"

    @event("Submitted")
    def __init__(self, agreement_id: UUID, agreement_number: str, college_bin: BIN,
                 enterprise_bin: BIN, region: str, specialty_code: str, month: Month,
                 academic_year: AcademicYear, costs: Sequence[CostLine], claimed: Money,
                 norm: Money, practice_days: int, calendar_days: int, payable: Money,
                 submitted_on: date) -> None:
        self.agreement_id = agreement_id
        self.agreement_number = agreement_number
        self.college_bin = college_bin
        self.enterprise_bin = enterprise_bin
        self.region = region
        self.specialty_code = specialty_code
        self.month = month
        self.academic_year = academic_year
        self.costs = tuple(costs)
        self.claimed = claimed
        self.norm = norm
        self.practice_days = practice_days
        self.calendar_days = calendar_days
        self.payable = payable
        self.submitted_on = submitted_on
        self.status = ClaimStatus.SUBMITTED
        self.approved_amount: Money | None = None
        self.decided_on: date | None = None
        self.rejection_reason: str | None = None
        self.payments: list[ClaimPayment] = []

    @classmethod
    def submit(cls, *, facts: AgreementFacts, month: Month, costs: Sequence[CostLine],
               norms: ReimbursementNorms | None, today: date) -> ReimbursementClaim:
        if not facts.started:
            raise AgreementNotStartedError(f"agreement {facts.number} is {facts.status}: it "
                                           "has no practice to reimburse")
        if not facts.term.overlaps(month.period):
            raise MonthOutsideTermError(f"month {month} is outside the term of agreement "
                                        f"{facts.number} ({facts.term})")
        if not costs:
            raise InvalidValueError("a claim lists at least one cost line", field="costs",
                                    rule="required")
        if len(costs) > MAX_COST_LINES:
            raise InvalidValueError(f"a claim lists at most {MAX_COST_LINES} cost lines",
                                    field="costs", rule="length")
        for index, line in enumerate(costs):
            if line.amount.amount <= 0:
                raise InvalidValueError("amount must be positive",
                                        field=f"costs.{index}.amount", rule="positive")
        days = calculation.practice_days(month, facts.practice, facts.suspensions)
        if days == 0:
            raise NoPracticeDaysError(f"agreement {facts.number} has no practice day in "
                                      f"{month} (recorded periods less suspensions)")
        academic_year = AcademicYear.of_month(month)
        norm = norms.norm_for(facts.specialty_code) if norms is not None else None
        if norm is None:
            raise NoNormError(f"no monthly reimbursement norm is set for {academic_year} "
                              f"(specialty {facts.specialty_code} or the year's default)")
        claimed = calculation.total(line.amount for line in costs)
        calendar_days = month.period.days
        return cls(agreement_id=facts.agreement_id, agreement_number=facts.number,
                   college_bin=facts.college_bin, enterprise_bin=facts.enterprise_bin,
                   region=facts.region, specialty_code=facts.specialty_code, month=month,
                   academic_year=academic_year, costs=list(costs), claimed=claimed,
                   norm=norm, practice_days=days, calendar_days=calendar_days,
                   payable=calculation.payable(claimed, norm, days, calendar_days),
                   submitted_on=today)

    # Decision (rule 4) ---------------------------------------------------------------

    def _require_submitted(self) -> None:
        if self.status is not ClaimStatus.SUBMITTED:
            raise ClaimDecidedError(f"claim {self.id} is already {self.status.value}")

    def approve(self, today: date) -> Money:
        """Approve the payable amount; the caller charges it to the college's budget."""
        self._require_submitted()
        self._approve(amount=self.payable, approved_on=today)
        return self.payable

    @event("Approved")
    def _approve(self, amount: Money, approved_on: date) -> None:
        self.status = ClaimStatus.APPROVED
        self.approved_amount = amount
        self.decided_on = approved_on

    def reject(self, reason: str, today: date) -> None:
        self._require_submitted()
        self._reject(reason=reason, rejected_on=today)

    @event("Rejected")
    def _reject(self, reason: str, rejected_on: date) -> None:
        self.status = ClaimStatus.REJECTED
        self.rejection_reason = reason
        self.decided_on = rejected_on

    # Payment ---------------------------------------------------------------------------

    def find_payment(self, payment_reference: str) -> ClaimPayment | None:
        return next((p for p in self.payments if p.payment_reference == payment_reference),
                    None)

    def record_payment(self, payment_reference: str, paid_on: date, today: date) -> bool:
        """Settle the approved amount once; False when this reference already settled it."""
        earlier = self.find_payment(payment_reference)
        if earlier is not None and not earlier.reversed and self.status is ClaimStatus.PAID:
            return False
        if earlier is not None:
            raise PaymentReferenceReusedError(f"payment {payment_reference} was returned "
                                              "(reversed): a new payment needs a new reference")
        if self.status is not ClaimStatus.APPROVED:
            raise NotApprovedError(f"claim {self.id} is {self.status.value}: only an approved, "
                                   "unpaid claim is paid")
        if paid_on > today:
            raise FuturePaymentError(f"paid_on {paid_on} is in the future (today is {today})",
                                     field="paid_on")
        if self.decided_on is not None and paid_on < self.decided_on:
            raise PaidBeforeApprovalError(f"paid_on {paid_on} is before the approval "
                                          f"({self.decided_on})")
        self._record_payment(payment_reference=payment_reference, paid_on=paid_on,
                             amount=self.approved_amount or self.payable)
        return True

    @event("PaymentRecorded")
    def _record_payment(self, payment_reference: str, paid_on: date, amount: Money) -> None:
        self.payments = [*self.payments, ClaimPayment(payment_reference, amount, paid_on)]
        self.status = ClaimStatus.PAID

    def reverse_payment(self, payment_reference: str, reason: str, today: date) -> None:
        """A returned payment stays in the record, reversed; the claim is approved again."""
        payment = self.find_payment(payment_reference)
        if payment is None:
            raise UnknownPaymentError(f"claim {self.id} has no payment {payment_reference!r}")
        if payment.reversed:
            raise AlreadyReversedError(f"payment {payment_reference} was already reversed "
                                       f"({payment.reversal_reason})")
        self._reverse_payment(payment_reference=payment_reference, reason=reason,
                              reversed_on=today)

    @event("PaymentReversed")
    def _reverse_payment(self, payment_reference: str, reason: str, reversed_on: date) -> None:
        self.payments = [replace(p, reversed=True, reversal_reason=reason, reversed_on=reversed_on)
                         if p.payment_reference == payment_reference else p
                         for p in self.payments]
        self.status = ClaimStatus.APPROVED

    # Figures -----------------------------------------------------------------------

    @property
    def paid(self) -> Money:
        return calculation.total(p.amount for p in self.payments if not p.reversed)

"""The money side of a mentor service contract: totals and the checks on payments.

Kept apart from the aggregate so that its rules (rules 3 and 4 of DOMAIN.md's
MentorServiceContract) read in one place; the aggregate calls them before it
records an event. Every figure is gross.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.mentor_payments.errors import (
    AlreadyReversedError,
    CeilingError,
    FuturePaymentError,
    OverpaymentError,
    PaidBeforeTermError,
    PaymentReferenceReusedError,
    UnknownPaymentError,
)
from domain.mentor_payments.records import ActStatus, MentorPayment, ServiceAct
from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money


class ContractLedger:
    """Mixed into MentorServiceContract, whose events keep these lists current."""

    number: str
    term: DatePeriod
    ceiling: Money
    acts: list[ServiceAct]
    payments: list[MentorPayment]

    @property
    def approved_total(self) -> Money:
        return _sum(a.amount for a in self.acts if a.status is ActStatus.APPROVED)

    @property
    def paid_total(self) -> Money:
        """Paid net of reversals: a returned payment reopens its amount."""
        return _sum(p.amount for p in self.payments if not p.reversed)

    @property
    def approved_unpaid(self) -> Money:
        return self.approved_total - self.paid_total

    def find_payment(self, payment_reference: str) -> MentorPayment | None:
        return next((p for p in self.payments if p.payment_reference == payment_reference),
                    None)

    def check_payment(self, *, amount: Money, payment_reference: str, paid_on: date,
                      today: date) -> bool:
        """Raise if the payment breaks a rule; False: a repeat of a recorded reference and
        amount, to be recorded once (True: a new payment to record)."""
        if amount.amount <= 0:
            raise InvalidValueError("amount must be positive", field="amount",
                                    rule="positive")
        if paid_on > today:
            raise FuturePaymentError(f"paid_on {paid_on} is in the future (today is {today})",
                                     field="paid_on")
        earlier = self.find_payment(payment_reference)
        if earlier is not None:
            if earlier.amount != amount:
                raise PaymentReferenceReusedError(
                    f"payment {earlier.payment_reference} is already recorded with amount "
                    f"{earlier.amount}, not {amount}")
            return False
        if paid_on < self.term.start:
            raise PaidBeforeTermError(f"paid_on {paid_on} is before the contract term "
                                      f"starts ({self.term.start})")
        if amount > self.approved_unpaid:
            raise OverpaymentError(
                f"payment {amount} exceeds what is approved and unpaid "
                f"({self.approved_unpaid}) on contract {self.number}")
        # Already implied by the check above while approvals stay under the ceiling;
        # kept so that the ceiling on payments holds by itself, as DOMAIN.md states it.
        if self.paid_total + amount > self.ceiling:
            raise CeilingError(
                f"payment {amount} would take the total paid to {self.paid_total + amount}, "
                f"over the contract ceiling {self.ceiling}")
        return True

    def payment_to_reverse(self, payment_reference: str) -> MentorPayment:
        payment = self.find_payment(payment_reference)
        if payment is None:
            raise UnknownPaymentError(f"contract {self.number} has no payment "
                                      f"{payment_reference!r}")
        if payment.reversed:
            raise AlreadyReversedError(f"payment {payment.payment_reference} was already "
                                       f"reversed ({payment.reversal_reason})")
        return payment


def _sum(amounts: Iterable[Money]) -> Money:
    total = Money.zero()
    for amount in amounts:
        total = total + amount
    return total

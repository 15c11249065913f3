"""MentorServiceContract: the college pays the mentor (DOMAIN.md, seeds section 9 p.7).

Rules that need other aggregates (the mentor assigned to each agreement, one bill
per agreement-month across all of the mentor's contracts, number unique per
college) are checked by the application with guards in ``domain.mentor_payments.guards``;
this aggregate keeps every rule it can see on its own.

Interpretations: approving an act that would take the approved total over the
ceiling is refused, because such an act could never be paid in full. A month is
"inside the term" when any of its days is (terms rarely start on the 1st), and a
month that has not begun cannot be billed: services are billed once rendered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import UUID

from eventsourcing.domain import event

from domain.mentor_payments.errors import (
    ActDecidedError,
    CeilingError,
    DoubleBillingError,
    FutureMonthError,
    MonthOutsideTermError,
    UnknownActError,
)
from domain.mentor_payments.ledger import ContractLedger
from domain.mentor_payments.records import (
    ActStatus,
    MentorPayment,
    RateType,
    ServiceAct,
    act_amount,
    check_hours,
)
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money


class MentorServiceContract(ContractLedger, AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:mentor_payments.MentorServiceContract"

    @event("Concluded")
    def __init__(self, number: str, college_bin: BIN, mentor_iin: IIN, enterprise_bin: BIN,
                 term: DatePeriod, rate_type: RateType, rate: Money, ceiling: Money) -> None:
        self.number = number
        self.college_bin = college_bin
        self.mentor_iin = mentor_iin
        self.enterprise_bin = enterprise_bin
        self.term = term
        self.rate_type = rate_type
        self.rate = rate
        self.ceiling = ceiling
        self.acts: list[ServiceAct] = []
        self.payments: list[MentorPayment] = []

    @classmethod
    def conclude(cls, *, number: str, college_bin: BIN, mentor_iin: IIN, enterprise_bin: BIN,
                 term: DatePeriod, rate_type: RateType, rate: Money,
                 ceiling: Money) -> MentorServiceContract:
        """``number`` comes clean from the edge (``NUMBER_MAX_LENGTH``); money is typed but
        may still be zero or negative, which no contract pays."""
        for field, money in (("rate", rate), ("ceiling", ceiling)):
            if money.amount <= 0:
                raise InvalidValueError(f"{field} must be positive", field=field,
                                        rule="positive")
        return cls(number=number, college_bin=college_bin, mentor_iin=mentor_iin,
                   enterprise_bin=enterprise_bin, term=term, rate_type=rate_type, rate=rate,
                   ceiling=ceiling)

    @property
    def start_date(self) -> date:
        return self.term.start

    @property
    def end_date(self) -> date:
        return self.term.end

    # Service acts ------------------------------------------------------------------

    def submit_act(self, *, month: Month, agreement_ids: Sequence[UUID], hours: Decimal,
                   submitted_by: str, today: date) -> ServiceAct:
        """Rule 1 and 2 as far as this contract can tell; the new act is ``acts[-1]``."""
        if not self.term.overlaps(month.period):
            raise MonthOutsideTermError(
                f"act month {month} is outside the contract term {self.term}")
        if month.first_day > today:
            raise FutureMonthError(f"month {month} has not started yet: services are "
                                   "billed after they are rendered", field="month")
        if not agreement_ids:
            raise InvalidValueError("an act lists at least one agreement",
                                    field="agreement_ids", rule="required")
        if len(set(agreement_ids)) != len(agreement_ids):
            raise InvalidValueError("an agreement is listed twice", field="agreement_ids",
                                    rule="duplicate")
        check_hours(hours, month)
        for act in self.acts:
            twice = set(agreement_ids) & set(act.agreement_ids)
            if act.month == month and act.holds_its_months and twice:
                raise DoubleBillingError(
                    f"agreement {sorted(twice)[0]} is already billed for {month} in act "
                    f"{act.number} of this contract")
        amount = act_amount(self.rate_type, self.rate, hours=hours,
                            trainees=len(agreement_ids))
        self._submit_act(number=len(self.acts) + 1, month=month,
                         agreement_ids=list(agreement_ids), hours=hours, amount=amount,
                         submitted_by=submitted_by)
        return self.acts[-1]

    @event("ActSubmitted")
    def _submit_act(self, number: int, month: Month, agreement_ids: Sequence[UUID],
                    hours: Decimal, amount: Money, submitted_by: str) -> None:
        # The stored event keeps its list; the frozen act holds a tuple. A new list,
        # not an append: a state once read is never changed under the reader.
        act = ServiceAct(number=number, month=month, agreement_ids=tuple(agreement_ids),
                         hours=hours, amount=amount, status=ActStatus.SUBMITTED,
                         submitted_by=submitted_by)
        self.acts = [*self.acts, act]

    def approve_act(self, number: int) -> None:
        act = self._act_awaiting_decision(number)
        if self.approved_total + act.amount > self.ceiling:
            raise CeilingError(
                f"approving act {number} ({act.amount}) would take the approved total to "
                f"{self.approved_total + act.amount}, over the contract ceiling "
                f"{self.ceiling}: it could never be paid")
        self._approve_act(number=number)

    @event("ActApproved")
    def _approve_act(self, number: int) -> None:
        self._replace_act(number, status=ActStatus.APPROVED)

    def reject_act(self, number: int, reason: str) -> ServiceAct:
        """The act's agreement-months are released, to be billed by a corrected act."""
        act = self._act_awaiting_decision(number)
        self._reject_act(number=number, reason=reason)
        return act

    @event("ActRejected")
    def _reject_act(self, number: int, reason: str) -> None:
        self._replace_act(number, status=ActStatus.REJECTED, rejection_reason=reason)

    def find_act(self, number: int) -> ServiceAct | None:
        if 1 <= number <= len(self.acts):
            return self.acts[number - 1]
        return None

    def _act_awaiting_decision(self, number: int) -> ServiceAct:
        act = self.find_act(number)
        if act is None:
            raise UnknownActError(f"contract {self.number} has no act {number}")
        if act.status is not ActStatus.SUBMITTED:
            raise ActDecidedError(f"act {number} is already {act.status.value}")
        return act

    def _replace_act(self, number: int, status: ActStatus,
                     rejection_reason: str | None = None) -> None:
        # A new list with the one act replaced (copy-on-write, as everywhere in the state).
        self.acts = [replace(act, status=status, rejection_reason=rejection_reason)
                     if act.number == number else act for act in self.acts]

    # Payments (the checks live in ContractLedger) ----------------------------------

    def record_payment(self, *, amount: Money, payment_reference: str, paid_on: date,
                       today: date) -> bool:
        """Record a bank transfer; False when the reference was already recorded."""
        if not self.check_payment(amount=amount, payment_reference=payment_reference,
                                  paid_on=paid_on, today=today):
            return False
        self._record_payment(payment_reference=payment_reference, amount=amount,
                             paid_on=paid_on)
        return True

    @event("PaymentRecorded")
    def _record_payment(self, payment_reference: str, amount: Money, paid_on: date) -> None:
        payment = MentorPayment(payment_reference=payment_reference, amount=amount,
                                paid_on=paid_on)
        self.payments = [*self.payments, payment]

    def reverse_payment(self, payment_reference: str, *, reason: str, reversed_on: date) -> None:
        """A returned payment stays in the record, reversed, and reopens its amount."""
        payment = self.payment_to_reverse(payment_reference)
        self._reverse_payment(payment_reference=payment.payment_reference, reason=reason,
                              reversed_on=reversed_on)

    @event("PaymentReversed")
    def _reverse_payment(self, payment_reference: str, reason: str, reversed_on: date) -> None:
        self.payments = [
            replace(p, reversed=True, reversal_reason=reason, reversed_on=reversed_on)
            if p.payment_reference == payment_reference else p
            for p in self.payments
        ]

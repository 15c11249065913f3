"""The life stories of the demo's mentor service contracts, played through MentorPayments.

Each contract bills the last three months its mentor mentored, and follows one named
story: the first two months paid ("paid_in_arrears"), the first act rejected for too
many hours ("first_act_rejected"), or the first payment returned by the bank
("payment_returned"). The demo builds typed commands from typed values: nothing is
turned into text to be parsed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

from application.mentor_payments import commands as pay
from application.security import Principal
from domain.mentor_payments.contract import MentorServiceContract
from domain.mentor_payments.records import RateType
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money
from infrastructure.bootstrap import Dualtrack

_PAID_MONTHS = 2  # the last month billed is approved but not yet paid


@dataclass(frozen=True)
class ContractStory:
    rejects_first_act: bool = False
    returns_first_payment: bool = False


STORIES = {
    "paid_in_arrears": ContractStory(),
    "first_act_rejected": ContractStory(rejects_first_act=True),
    "payment_returned": ContractStory(returns_first_payment=True),
}


def story_for(seq: int) -> str:
    if seq == 1:
        return "payment_returned"
    return "first_act_rejected" if seq % 7 == 3 else "paid_in_arrears"


def billed_months(today: date) -> list[Month]:
    """The three months before ``today``'s, oldest first."""
    last = Month.of(today.replace(day=1) - timedelta(days=1))
    months = [last]
    for _ in range(2):
        months.insert(0, Month.of(months[0].first_day - timedelta(days=1)))
    return months


class ContractScenarios:
    def __init__(self, system: Dualtrack, today: date) -> None:
        self.payments = system.payments
        self.agreements = system.agreements
        self.today = today
        self.months = billed_months(today)
        self.contracts = self.acts = self.paid = self.reversals = 0

    def play(self, seq: int, *, college_bin: str, enterprise_bin: str, mentor_iin: str,
             agreement_ids: list[UUID]) -> None:
        college = Principal(Role.COLLEGE, college_bin, correlation_id="demo")
        number = f"MSC-{self.today.year}-{seq + 1:03d}"
        self.contracts += 1
        existing = self.payments.find_by_number(BIN.parse(college_bin), number)
        if existing is not None:
            self._count(self.payments.get(college, existing))
            return
        hourly = seq % 3 != 0
        contract = self.payments.conclude_contract(college, pay.ConcludeContract(
            number=number, college_bin=BIN.parse(college_bin), mentor_iin=IIN.parse(mentor_iin),
            enterprise_bin=BIN.parse(enterprise_bin),
            term=DatePeriod(self.months[0].first_day, self.today + timedelta(days=300)),
            rate_type=RateType.HOURLY if hourly else RateType.MONTHLY_PER_TRAINEE,
            rate=Money.of("3500.00" if hourly else "25000.00"),
            ceiling=Money.of("2500000.00"))).aggregate
        mentor = Principal(Role.MENTOR, mentor_iin, correlation_id="demo")
        story = STORIES[story_for(seq)]
        for index, month in enumerate(self.months):
            billed = tuple(a for a in agreement_ids
                           if mentor_iin in self.agreements.mentors_during(a, month))
            if billed:
                self._bill(contract, college, mentor, story, seq, index, month, billed)

    def _bill(self, contract: MentorServiceContract, college: Principal, mentor: Principal,
              story: ContractStory, seq: int, index: int, month: Month,
              billed: tuple[UUID, ...]) -> None:
        act = self.payments.submit_act(mentor, pay.SubmitAct(
            contract.id, month, billed, Decimal(12 * len(billed)))).aggregate.acts[-1]
        self.acts += 1
        first = index == 0
        if story.rejects_first_act and first:
            self.payments.reject_act(college, pay.RejectAct(
                contract.id, act.number, "hours exceed the practice schedule; resubmit"))
            return
        self.payments.approve_act(college, pay.ApproveAct(contract.id, act.number))
        if index >= _PAID_MONTHS:
            return
        reference = f"KZ-PP-{self.today.year}-{seq:03d}-{index}"
        self.payments.record_payment(college, pay.RecordPayment(
            contract.id, act.amount, reference, month.last_day + timedelta(days=10)))
        self.paid += 1
        if story.returns_first_payment and first:
            self.payments.reverse_payment(college, pay.ReversePayment(
                contract.id, reference, "returned by the bank: account closed"))
            self.reversals += 1

    def _count(self, contract: MentorServiceContract) -> None:
        self.acts += len(contract.acts)
        self.paid += len(contract.payments)
        self.reversals += sum(1 for p in contract.payments if p.reversed)

"""The demo's targeted-training orders, played through TargetedTraining.

Each medium or large enterprise (the small one may not place an order) has ordered
training from its region's college: an intake that graduated last year, whose graduates
were employed (one employment ended early), released, or are overdue; an intake in
training, with one student transferred out; and this year's order, still awaiting the
college's decision or rejected. Numbers are natural keys: a second run adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from application.security import Principal
from application.targeted_training import commands as t
from domain.participants.aggregates import EnterpriseSize
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, IIN, compose_iin
from domain.targeted_training.records import WithdrawalReason
from infrastructure.bootstrap import Dualtrack
from interfaces.demo.data import SPECIALTIES, person_name


@dataclass
class TargetedReport:
    orders: Counter[str] = field(default_factory=Counter)
    enrolments: int = 0
    graduates: int = 0
    employed: int = 0


def current_intake(today: date) -> int:
    """The first year of the academic year ``today`` is in (1 September to 31 August)."""
    return today.year if today.month >= 9 else today.year - 1


class TargetedScenarios:
    def __init__(self, system: Dualtrack, today: date) -> None:
        self.app = system.targeted_training
        self.participants = system.participants
        self.year = current_intake(today)
        self.today = today
        self.report = TargetedReport()

    def play(self, index: int, *, enterprise_bin: str, college_bin: str) -> None:
        enterprise = self.participants.organisation(BIN.parse(enterprise_bin))
        if enterprise.size not in (EnterpriseSize.MEDIUM, EnterpriseSize.LARGE):
            return
        parties = (Principal(Role.ENTERPRISE, enterprise_bin, correlation_id="demo"),
                   Principal(Role.COLLEGE, college_bin, correlation_id="demo"))
        graduated = self._order(parties, index, self.year - 4, places=6, accept=True)
        if graduated is not None:
            self._graduates(parties, graduated, index)
        in_training = self._order(parties, index, self.year - 1, places=10, accept=True)
        if in_training is not None:
            self._in_training(parties, in_training, index)
        self._order(parties, index, self.year, places=12, accept=False,
                    reject=index % 3 == 2)

    def _order(self, parties: tuple[Principal, Principal], index: int, intake: int, *,
               places: int, accept: bool, reject: bool = False) -> Any:
        enterprise, college = parties
        number = f"TO-{intake}-{index + 1:02d}"
        found = self.app.find_by_number(BIN.parse(enterprise.subject or ""), number)
        if found is not None:
            status = self.app.get(enterprise, found).status.value
            self.report.orders[status] += 1
            return None
        code, qualification = SPECIALTIES[(index + intake) % len(SPECIALTIES)]
        order = self.app.submit_order(enterprise, t.SubmitOrder(
            number=number, college_bin=BIN.parse(college.subject or ""),
            enterprise_bin=BIN.parse(enterprise.subject or ""),
            academic_year=AcademicYear(intake), specialty_code=code,
            qualification=qualification, places=places,
            employment_obligation_months=24 if index % 2 else 36)).aggregate
        if accept:
            order = self.app.accept(college, t.AcceptOrder(
                order.id, f"GOZ-{intake}/{index + 1:02d}")).aggregate
        elif reject:
            order = self.app.reject(college, t.RejectOrder(
                order.id, "the state educational order has no places left for this "
                          "specialty")).aggregate
        self.report.orders[order.status.value] += 1
        return order

    def _enrol(self, college: Principal, order: Any, count: int, intake: int,
               index: int) -> list[IIN]:
        students = []
        for k in range(count):
            # A serial per (enterprise, intake, student): the same IINs on every run.
            n = index * 100 + intake % 10 * 10 + k
            iin = compose_iin(date(intake - 16, 1 + n % 12, 1 + n % 27), male=n % 2 == 1,
                              serial=9000 + n)
            self.app.enrol(college, t.EnrolStudent(order.id, iin, person_name(300 + n),
                                                   date(intake, 9, 1)))
            students.append(iin)
        self.report.enrolments += count
        return students

    def _graduates(self, parties: tuple[Principal, Principal], order: Any, index: int) -> None:
        enterprise, college = parties
        intake = order.academic_year.start_year
        students = self._enrol(college, order, 6, intake, index)
        self.app.withdraw(college, t.WithdrawStudent(order.id, students[0], date(intake + 1, 2, 1),
                                                     WithdrawalReason.EXPELLED))
        graduation = date(self.year, 6, 30) if index % 2 else date(self.year - 1, 6, 30)
        for iin in students[1:]:
            self.app.graduate(college, t.GraduateStudent(order.id, iin, graduation))
        self.report.graduates += 5
        start = date(graduation.year, 7, 15)
        for iin in students[1:4]:
            self.app.record_employment(enterprise, t.RecordEmployment(
                order.id, iin, start, "Operator, 3rd grade"))
        self.report.employed += 3
        self.app.end_employment(enterprise, t.EndEmployment(
            order.id, students[3], min(date(start.year, 10, 31), self.today),
            "resigned: moved to another city"))
        self.app.record_release(enterprise, t.RecordRelease(
            order.id, students[4], date(start.year, 7, 1), "called up for military service"))
        # students[5] has neither: overdue once six months have passed since graduation.

    def _in_training(self, parties: tuple[Principal, Principal], order: Any,
                     index: int) -> None:
        _, college = parties
        intake = order.academic_year.start_year
        students = self._enrol(college, order, 8, intake, index)
        self.app.withdraw(college, t.WithdrawStudent(
            order.id, students[index % 8], date(intake, 12, 1), WithdrawalReason.TRANSFERRED))

"""Targeted training: orders placed by enterprises, accepted by colleges, their students.

Who may do what (DOMAIN.md's role table): the enterprise places orders and records its
graduates' employment, release and early end; the college decides orders, enrols its
students, records withdrawals and graduations. Reading is decided in
``application.targeted_training.access``. Each command takes a typed command from
``application.targeted_training.commands`` and returns ``Recorded``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from application.base import DualtrackApplication, Recorded
from application.errors import NotFoundError, PermissionDeniedError, StaleVersionError
from application.security import Principal
from application.targeted_training import commands as cmd
from application.targeted_training.access import ORDER, READER_ROLES, check_reader, check_writer
from domain.participants.aggregates import OrganisationKind
from domain.shared.audit import AuditedAggregate, Role
from domain.shared.identifiers import BIN, IIN
from domain.targeted_training.eligibility import check_eligible
from domain.targeted_training.errors import DuplicateOrderNumberError
from domain.targeted_training.guards import OrderNumber
from domain.targeted_training.order import TargetedTrainingOrder

if TYPE_CHECKING:
    from application.participants.service import Participants

Order = TargetedTrainingOrder


class TargetedTraining(DualtrackApplication):
    name = "targeted_training"

    def __init__(self, env: dict[str, str] | None = None, *,
                 participants: Participants) -> None:
        super().__init__(env)
        self.participants = participants

    # Orders --------------------------------------------------------------------------

    def submit_order(self, principal: Principal, command: cmd.SubmitOrder) -> Recorded[Order]:
        principal.require_role(Role.ENTERPRISE)
        enterprise_bin = command.enterprise_bin
        if principal.role is Role.ENTERPRISE and principal.subject != enterprise_bin.value:
            raise PermissionDeniedError("an enterprise places orders only in its own name")
        enterprise = self.participants.require_organisation(
            enterprise_bin, OrganisationKind.ENTERPRISE, "enterprise_bin")
        college = self.participants.require_organisation(
            command.college_bin, OrganisationKind.COLLEGE, "college_bin")
        # Rule 1, on the enterprise's record as it is today (the order keeps a copy).
        size, oked = check_eligible(enterprise_bin.value, enterprise.size, enterprise.oked)
        if self.find_by_number(enterprise_bin, command.number) is not None:
            raise DuplicateOrderNumberError(f"enterprise {enterprise_bin} already has a "
                                            f"targeted-training order number {command.number}")
        with self.acting(principal):
            order = TargetedTrainingOrder.submit(
                number=command.number, enterprise_bin=enterprise_bin,
                college_bin=command.college_bin, academic_year=command.academic_year,
                specialty_code=command.specialty_code, qualification=command.qualification,
                places=command.places,
                employment_obligation_months=command.employment_obligation_months,
                region=college.region, enterprise_size=size, enterprise_oked=oked,
                submitted_on=self.today())
            reservation = OrderNumber(enterprise_bin=enterprise_bin, number=order.number,
                                      order_id=order.id)
        # Two submissions of one number racing past the check above both create the
        # reservation at version 1 of the same natural id: only one is recorded.
        return self.recorded(order, reservation)

    def find_by_number(self, enterprise_bin: BIN, number: str) -> UUID | None:
        reservation = self.load_or_none(OrderNumber.create_id(enterprise_bin, number),
                                        OrderNumber, "order number")
        return None if reservation is None else reservation.order_id

    def get(self, principal: Principal, order_id: UUID, *, version: int | None = None,
            as_of: datetime | None = None) -> Order:
        order = self._readable(principal, order_id)
        return self.state_at(order, ORDER, version=version, as_of=as_of)

    def history(self, principal: Principal, order_id: UUID) -> list[AuditedAggregate.Event]:
        return self.events_of(self._readable(principal, order_id).id)

    def accept(self, principal: Principal, command: cmd.AcceptOrder) -> Recorded[Order]:
        return self._change(principal, Role.COLLEGE, command.order_id,
                            command.expected_version, lambda order: order.accept(
                                command.state_order_reference, self.today()))

    def reject(self, principal: Principal, command: cmd.RejectOrder) -> Recorded[Order]:
        return self._change(principal, Role.COLLEGE, command.order_id,
                            command.expected_version,
                            lambda order: order.reject(command.reason, self.today()))

    # Students (the college) ----------------------------------------------------------

    def enrol(self, principal: Principal, command: cmd.EnrolStudent) -> Recorded[Order]:
        """The new enrolment is ``order.enrolments[-1]``."""
        command.iin.require_born_by(command.enrolled_on, field="trainee.iin")
        return self._change(principal, Role.COLLEGE, command.order_id,
                            command.expected_version, lambda order: order.enrol(
                                command.iin, command.full_name, command.enrolled_on,
                                self.today()))

    def withdraw(self, principal: Principal, command: cmd.WithdrawStudent) -> Recorded[Order]:
        return self._change(principal, Role.COLLEGE, command.order_id,
                            command.expected_version, lambda order: order.withdraw(
                                command.iin, command.date, command.reason, self.today()),
                            student=command.iin)

    def graduate(self, principal: Principal, command: cmd.GraduateStudent) -> Recorded[Order]:
        return self._change(principal, Role.COLLEGE, command.order_id,
                            command.expected_version, lambda order: order.graduate(
                                command.iin, command.date, self.today()),
                            student=command.iin)

    # Graduates (the enterprise) ------------------------------------------------------

    def record_employment(self, principal: Principal,
                          command: cmd.RecordEmployment) -> Recorded[Order]:
        return self._change(principal, Role.ENTERPRISE, command.order_id,
                            command.expected_version, lambda order: order.record_employment(
                                command.iin, command.start_date, command.position,
                                self.today()),
                            student=command.iin)

    def record_release(self, principal: Principal,
                       command: cmd.RecordRelease) -> Recorded[Order]:
        return self._change(principal, Role.ENTERPRISE, command.order_id,
                            command.expected_version, lambda order: order.record_release(
                                command.iin, command.date, command.reason, self.today()),
                            student=command.iin)

    def end_employment(self, principal: Principal,
                       command: cmd.EndEmployment) -> Recorded[Order]:
        return self._change(principal, Role.ENTERPRISE, command.order_id,
                            command.expected_version, lambda order: order.end_employment(
                                command.iin, command.date, command.reason, self.today()),
                            student=command.iin)

    # Helpers -------------------------------------------------------------------------

    def _change(self, principal: Principal, role: Role, order_id: UUID,
                expected_version: int | None, change: Callable[[Order], object],
                student: IIN | None = None) -> Recorded[Order]:
        principal.require_role(role)
        order = self._writable(principal, order_id, expected_version)
        if student is not None and order.enrolment_of(student) is None:
            raise NotFoundError(f"student {student} is not enrolled under order "
                                f"{order.number}")
        with self.acting(principal):
            change(order)
        return self.recorded(order)

    def _readable(self, principal: Principal, order_id: UUID) -> Order:
        principal.require_role(*READER_ROLES)
        order = self.load(order_id, TargetedTrainingOrder, ORDER)
        check_reader(principal, order)
        return order

    def _writable(self, principal: Principal, order_id: UUID,
                  expected_version: int | None) -> Order:
        try:
            order = self.load(order_id, TargetedTrainingOrder, ORDER,
                              expected_version=expected_version)
        except StaleVersionError:
            # Visibility first: a stale version must not tell an outsider the order exists.
            check_writer(principal, self.load(order_id, TargetedTrainingOrder, ORDER))
            raise
        check_writer(principal, order)
        return order

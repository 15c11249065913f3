"""Mentor payments: colleges pay mentors through paid-services contracts.

Who may do what (DOMAIN.md's role table): the college concludes contracts, decides
acts and records payments; the mentor (or the college for the mentor) submits acts.
Reading is decided in ``application.mentor_payments.access``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from application.base import DualtrackApplication
from application.errors import NotFoundError, PermissionDeniedError
from application.inputs import parse_enum, parsed, positive_int
from application.mentor_payments.access import (
    CONTRACT,
    READER_ROLES,
    check_mentored,
    check_reader,
    check_writer,
)
from application.mentor_payments.inputs import agreement_id_list, contract_uuid
from application.security import Principal
from domain.mentor_payments.contract import MentorServiceContract
from domain.mentor_payments.guards import ContractNumber, MentorBilling
from domain.mentor_payments.records import RateType, parse_hours
from domain.participants.aggregates import OrganisationKind
from domain.shared.audit import Role
from domain.shared.calendar import Month, parse_date
from domain.shared.errors import InvalidValueError, RuleViolationError
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money

if TYPE_CHECKING:
    from application.agreements.service import Agreements
    from application.participants.service import Participants


class MentorPayments(DualtrackApplication):
    name = "mentor_payments"
    snapshotting_intervals: ClassVar = {MentorServiceContract: 50, MentorBilling: 50}

    def __init__(self, env: dict[str, str] | None = None, *, participants: Participants,
                 agreements: Agreements) -> None:
        super().__init__(env)
        self.participants = participants
        self.agreements = agreements


    # Contracts ---------------------------------------------------------------------

    def conclude_contract(self, principal: Principal, *, number: str, college_bin: str,
                          mentor_iin: str, enterprise_bin: str, start_date: Any,
                          end_date: Any, rate_type: str, rate: Any,
                          ceiling: Any) -> MentorServiceContract:
        principal.require_role(Role.COLLEGE)
        college = parsed("college_bin", BIN.parse, college_bin)
        if principal.role is Role.COLLEGE and principal.subject != college.value:
            raise PermissionDeniedError("a college concludes contracts only in its own name")
        enterprise = parsed("enterprise_bin", BIN.parse, enterprise_bin)
        mentor = parsed("mentor_iin", lambda v: IIN.parse(v, today=self.today()), mentor_iin)
        self.participants.require_organisation(college, OrganisationKind.COLLEGE, "college_bin")
        self.participants.require_organisation(enterprise, OrganisationKind.ENTERPRISE,
                                               "enterprise_bin")
        if not self.participants.is_active_mentor(enterprise, mentor):
            raise InvalidValueError(f"{mentor} is not a registered mentor of enterprise "
                                    f"{enterprise}", field="mentor_iin", rule="unknown_mentor")
        with self.acting(principal):
            contract = MentorServiceContract.conclude(
                number=number, college_bin=college, mentor_iin=mentor,
                enterprise_bin=enterprise, start_date=parse_date(start_date, "start_date"),
                end_date=parse_date(end_date, "end_date"),
                rate_type=parse_enum(RateType, rate_type, "rate_type"),
                rate=parsed("rate", Money.positive, rate),
                ceiling=parsed("ceiling", Money.positive, ceiling))
            if self.find_by_number(college, contract.number) is not None:
                raise RuleViolationError(f"college {college} already has a mentor service "
                                         f"contract number {contract.number}", rule="duplicate")
            reservation = ContractNumber(college_bin=college, number=contract.number,
                                         contract_id=contract.id)
        # Two requests racing past the check above both create the reservation at
        # version 1 of the same natural id: the store lets one in, the other gets
        # ConcurrentWriteError and its contract is not recorded either.
        self.record(contract, reservation)
        return contract

    def find_by_number(self, college_bin: str | BIN, number: str) -> UUID | None:
        college = parsed("college_bin", BIN.parse, str(college_bin))
        try:
            reservation = self.load(ContractNumber.create_id(college, str(number).strip()),
                                    ContractNumber, "contract number")
        except NotFoundError:
            return None
        return reservation.contract_id

    def get(self, principal: Principal, contract_id: UUID | str, *,
            version: int | str | None = None,
            as_of: datetime | str | None = None) -> MentorServiceContract:
        contract = self._readable(principal, contract_id)
        return self.state_at(contract, CONTRACT, version=version, as_of=as_of)

    def history(self, principal: Principal, contract_id: UUID | str) -> list[Any]:
        return self.events_of(self._readable(principal, contract_id).id)

    # Service acts ------------------------------------------------------------------

    def submit_act(self, principal: Principal, contract_id: UUID | str, *, month: Any,
                   agreement_ids: Any, hours: Any,
                   expected_version: int | None = None) -> MentorServiceContract:
        """The new act is ``contract.acts[-1]`` of the returned contract."""
        principal.require_role(Role.MENTOR, Role.COLLEGE)
        contract = self._writable(principal, contract_id, expected_version, Role.MENTOR)
        act_month = parsed("month", Month.parse, month)
        ids = agreement_id_list(agreement_ids)
        act_hours = parse_hours(hours)
        with self.acting(principal):
            act = contract.submit_act(month=act_month, agreement_ids=ids, hours=act_hours,
                                      submitted_by=principal.role.value, today=self.today())
            check_mentored(self.agreements, contract, act_month, ids)
            billing = self._billing(contract.mentor_iin)
            billing.bill(contract_id=contract.id, contract_number=contract.number,
                         act_number=act.number, month=act.month, agreement_ids=ids)
        # The billing guard (one per mentor, natural id) is saved with the contract:
        # two acts of any of the mentor's contracts submitted at the same time both
        # append to the guard at the same version, so only one is recorded, and
        # the other gets ConcurrentWriteError; no agreement-month is billed twice.
        self.record(contract, billing)
        return contract

    def approve_act(self, principal: Principal, contract_id: UUID | str, act_number: int | str,
                    *, expected_version: int | None = None) -> MentorServiceContract:
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, contract_id, expected_version)
        number = self._act_number(contract, act_number)
        with self.acting(principal):
            contract.approve_act(number)
        self.record(contract)
        return contract

    def reject_act(self, principal: Principal, contract_id: UUID | str, act_number: int | str,
                   reason: str, *, expected_version: int | None = None) -> MentorServiceContract:
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, contract_id, expected_version)
        number = self._act_number(contract, act_number)
        with self.acting(principal):
            act = contract.reject_act(number, reason)
            billing = self._billing(contract.mentor_iin)
            billing.release(contract_id=contract.id, act_number=number, month=act.month,
                            agreement_ids=act.agreement_ids)
        # Saved together, as on submission: the released months and the rejection
        # are recorded at once or not at all.
        self.record(contract, billing)
        return contract

    # Payments ----------------------------------------------------------------------

    def record_payment(self, principal: Principal, contract_id: UUID | str, *, amount: Any,
                       payment_reference: str, paid_on: Any,
                       expected_version: int | None = None) -> MentorServiceContract:
        """A repeat of a recorded reference and amount records nothing and returns as-is."""
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, contract_id, expected_version)
        money = parsed("amount", Money.positive, amount)
        day = parse_date(paid_on, "paid_on")
        with self.acting(principal):
            contract.record_payment(amount=money, payment_reference=payment_reference,
                                    paid_on=day, today=self.today())
        self.record(contract)
        return contract

    def reverse_payment(self, principal: Principal, contract_id: UUID | str,
                        payment_reference: str, reason: str, *,
                        expected_version: int | None = None) -> MentorServiceContract:
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, contract_id, expected_version)
        if contract.find_payment(payment_reference) is None:
            raise NotFoundError(f"payment {payment_reference!r} not found on contract "
                                f"{contract.number}")
        with self.acting(principal):
            contract.reverse_payment(payment_reference, reason=reason,
                                     reversed_on=self.today())
        self.record(contract)
        return contract

    # Helpers -----------------------------------------------------------------------

    def _contract(self, contract_id: UUID | str) -> MentorServiceContract:
        return self.load(contract_uuid(contract_id), MentorServiceContract, CONTRACT)

    def _readable(self, principal: Principal, contract_id: UUID | str) -> MentorServiceContract:
        principal.require_role(*READER_ROLES)
        contract = self._contract(contract_id)
        check_reader(principal, contract)
        return contract

    def _writable(self, principal: Principal, contract_id: UUID | str,
                  expected_version: int | None, *also: Role) -> MentorServiceContract:
        contract = self._contract(contract_id)
        check_writer(principal, contract, expected_version, *also)
        return contract

    @staticmethod
    def _act_number(contract: MentorServiceContract, act_number: int | str) -> int:
        number = positive_int("act_number", act_number)
        if contract.find_act(number) is None:
            raise NotFoundError(f"act {number} of contract {contract.number} not found")
        return number

    def _billing(self, mentor_iin: IIN) -> MentorBilling:
        """The mentor's billing guard; opened on the mentor's first act (call while acting)."""
        try:
            return self.load(MentorBilling.create_id(mentor_iin), MentorBilling, "billing")
        except NotFoundError:
            return MentorBilling(mentor_iin=mentor_iin)

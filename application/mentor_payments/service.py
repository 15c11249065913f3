"""Mentor payments: colleges pay mentors through paid-services contracts.

Who may do what (DOMAIN.md's role table): the college concludes contracts, decides
acts and records payments; the mentor (or the college for the mentor) submits acts.
Reading is decided in ``application.mentor_payments.access``. Each command takes a
typed command from ``application.mentor_payments.commands`` and returns ``Recorded``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from application.base import DualtrackApplication, Recorded, require_version
from application.errors import NotFoundError, PermissionDeniedError
from application.mentor_payments.access import (
    CONTRACT,
    READER_ROLES,
    check_mentored,
    check_reader,
    check_writer,
)
from application.mentor_payments.commands import (
    ApproveAct,
    ConcludeContract,
    RecordPayment,
    RejectAct,
    ReversePayment,
    SubmitAct,
)
from application.security import Principal
from domain.mentor_payments.contract import MentorServiceContract
from domain.mentor_payments.errors import DuplicateContractNumberError
from domain.mentor_payments.guards import ContractNumber, MentorBilling
from domain.participants.aggregates import OrganisationKind
from domain.shared.audit import AuditedAggregate, Role
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN

if TYPE_CHECKING:
    from application.agreements.service import Agreements
    from application.participants.service import Participants

Contract = MentorServiceContract


class MentorPayments(DualtrackApplication):
    name = "mentor_payments"
    snapshotting_intervals: ClassVar = {MentorServiceContract: 50, MentorBilling: 50}

    def __init__(self, env: dict[str, str] | None = None, *, participants: Participants,
                 agreements: Agreements) -> None:
        super().__init__(env)
        self.participants = participants
        self.agreements = agreements

    # Contracts ---------------------------------------------------------------------

    def conclude_contract(self, principal: Principal,
                          command: ConcludeContract) -> Recorded[Contract]:
        principal.require_role(Role.COLLEGE)
        college, enterprise = command.college_bin, command.enterprise_bin
        if principal.role is Role.COLLEGE and principal.subject != college.value:
            raise PermissionDeniedError("a college concludes contracts only in its own name")
        self._check_parties(college, enterprise, command.mentor_iin)
        with self.acting(principal):
            contract = MentorServiceContract.conclude(
                number=command.number, college_bin=college, mentor_iin=command.mentor_iin,
                enterprise_bin=enterprise, term=command.term, rate_type=command.rate_type,
                rate=command.rate, ceiling=command.ceiling)
            reservation = ContractNumber(college_bin=college, number=contract.number,
                                         contract_id=contract.id)
        # The reservation is new at version 1 of the number's natural id: a taken number
        # (or a racing request) collides there and the contract is not recorded either.
        return self.recorded_claiming(contract, reservation, DuplicateContractNumberError(
            f"college {college} already has a mentor service contract number {command.number}"))

    def find_by_number(self, college_bin: BIN, number: str) -> UUID | None:
        reservation = self.load_or_none(ContractNumber.create_id(college_bin, number),
                                        ContractNumber, "contract number")
        return None if reservation is None else reservation.contract_id

    def get(self, principal: Principal, contract_id: UUID, *, version: int | None = None,
            as_of: datetime | None = None) -> Contract:
        contract = self._readable(principal, contract_id)
        return self.state_at(contract, CONTRACT, version=version, as_of=as_of)

    def history(self, principal: Principal, contract_id: UUID) -> list[AuditedAggregate.Event]:
        return self.events_of(self._readable(principal, contract_id).id)

    # Service acts ------------------------------------------------------------------

    def submit_act(self, principal: Principal, command: SubmitAct) -> Recorded[Contract]:
        """The new act is ``contract.acts[-1]`` of the recorded contract."""
        principal.require_role(Role.MENTOR, Role.COLLEGE)
        contract = self._writable(principal, command.contract_id, command.expected_version,
                                  Role.MENTOR)
        with self.acting(principal):
            act = contract.submit_act(month=command.month, agreement_ids=command.agreement_ids,
                                      hours=command.hours, submitted_by=principal.role.value,
                                      today=self.today())
            check_mentored(self.agreements, contract, act.month, act.agreement_ids)
            billing = self._billing(contract.mentor_iin)
            billing.bill(contract_id=contract.id, contract_number=contract.number,
                         act_number=act.number, month=act.month,
                         agreement_ids=act.agreement_ids)
        # The billing guard (one per mentor, natural id) is saved with the contract:
        # two acts of any of the mentor's contracts submitted at the same time both
        # append to the guard at the same version, so only one is recorded, and
        # the other gets ConcurrentWriteError; no agreement-month is billed twice.
        return self.recorded(contract, billing)

    def approve_act(self, principal: Principal, command: ApproveAct) -> Recorded[Contract]:
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, command.contract_id, command.expected_version)
        _require_act(contract, command.act_number)
        with self.acting(principal):
            contract.approve_act(command.act_number)
        return self.recorded(contract)

    def reject_act(self, principal: Principal, command: RejectAct) -> Recorded[Contract]:
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, command.contract_id, command.expected_version)
        _require_act(contract, command.act_number)
        with self.acting(principal):
            act = contract.reject_act(command.act_number, command.reason)
            billing = self._billing(contract.mentor_iin)
            billing.release(contract_id=contract.id, act_number=act.number, month=act.month,
                            agreement_ids=act.agreement_ids)
        # Saved together, as on submission: the released months and the rejection
        # are recorded at once or not at all.
        return self.recorded(contract, billing)

    # Payments ----------------------------------------------------------------------

    def record_payment(self, principal: Principal,
                       command: RecordPayment) -> Recorded[Contract]:
        """A repeat of a recorded reference and amount records nothing: ``new`` is False."""
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, command.contract_id, command.expected_version)
        with self.acting(principal):
            contract.record_payment(amount=command.amount,
                                    payment_reference=command.payment_reference,
                                    paid_on=command.paid_on, today=self.today())
        return self.recorded(contract)

    def reverse_payment(self, principal: Principal,
                        command: ReversePayment) -> Recorded[Contract]:
        principal.require_role(Role.COLLEGE)
        contract = self._writable(principal, command.contract_id, command.expected_version)
        if contract.find_payment(command.payment_reference) is None:
            raise NotFoundError(f"payment {command.payment_reference!r} not found on contract "
                                f"{contract.number}")
        with self.acting(principal):
            contract.reverse_payment(command.payment_reference, reason=command.reason,
                                     reversed_on=self.today())
        return self.recorded(contract)

    # Helpers -----------------------------------------------------------------------

    def _check_parties(self, college: BIN, enterprise: BIN, mentor: IIN) -> None:
        self.participants.require_organisation(college, OrganisationKind.COLLEGE, "college_bin")
        self.participants.require_organisation(enterprise, OrganisationKind.ENTERPRISE,
                                               "enterprise_bin")
        if not self.participants.is_active_mentor(enterprise, mentor):
            raise InvalidValueError(f"{mentor} is not a registered mentor of enterprise "
                                    f"{enterprise}", field="mentor_iin", rule="unknown_mentor")

    def _readable(self, principal: Principal, contract_id: UUID) -> Contract:
        principal.require_role(*READER_ROLES)
        contract = self.load(contract_id, MentorServiceContract, CONTRACT)
        check_reader(principal, contract)
        return contract

    def _writable(self, principal: Principal, contract_id: UUID,
                  expected_version: int | None, *also: Role) -> Contract:
        contract = self.load(contract_id, MentorServiceContract, CONTRACT)
        # Visibility first: a stale version must not tell an outsider the contract exists.
        check_writer(principal, contract, *also)
        require_version(contract, expected_version, CONTRACT)
        return contract

    def _billing(self, mentor_iin: IIN) -> MentorBilling:
        """The mentor's billing guard; opened on the mentor's first act (call while acting)."""
        billing = self.load_or_none(MentorBilling.create_id(mentor_iin), MentorBilling,
                                    "billing")
        return billing or MentorBilling(mentor_iin=mentor_iin)


def _require_act(contract: Contract, number: int) -> None:
    if contract.find_act(number) is None:
        raise NotFoundError(f"act {number} of contract {contract.number} not found")

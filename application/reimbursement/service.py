"""Reimbursement: enterprises claim their dual-training costs, colleges decide and pay.

Who may do what (DOMAIN.md): the admin sets the norms and budgets; the enterprise
claims for its agreements; the college decides and pays its claims; reading is decided
in ``application.reimbursement.access``. The agreements' facts come from following
their events (``application.reimbursement.follower``), never from reading an agreement
when a claim comes in. Each command takes a typed command and returns ``Recorded``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from application.base import Recorded
from application.errors import NotFoundError, StaleVersionError
from application.reimbursement.access import (
    CLAIM_READERS,
    NORM_READERS,
    check_budget_reader,
    check_claim_reader,
    check_college,
)
from application.reimbursement.commands import (
    ApproveClaim,
    RecordClaimPayment,
    RejectClaim,
    ReverseClaimPayment,
    SetBudget,
    SetNorm,
    SubmitClaim,
)
from application.reimbursement.follower import AgreementFollower
from application.security import Principal
from domain.participants.aggregates import OrganisationKind
from domain.reimbursement.claim import ReimbursementClaim
from domain.reimbursement.guards import ClaimedMonth
from domain.reimbursement.reference import (
    ReimbursementBudget,
    ReimbursementNorms,
    no_budget_error,
)
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import AuditedAggregate, Role
from domain.shared.calendar import Month
from domain.shared.identifiers import BIN

if TYPE_CHECKING:
    from application.agreements.service import Agreements
    from application.participants.service import Participants

Claim = ReimbursementClaim
CLAIM = "reimbursement claim"


class Reimbursement(AgreementFollower):
    name = "reimbursement"
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {ReimbursementBudget: 50}

    def __init__(self, env: dict[str, str] | None = None, *, participants: Participants,
                 agreements: Agreements) -> None:
        super().__init__(env, agreements=agreements)
        self.participants = participants

    # Reference data (admin) ----------------------------------------------------------

    def set_norm(self, principal: Principal,
                 command: SetNorm) -> Recorded[ReimbursementNorms]:
        principal.require_role(Role.ADMIN)
        year = command.academic_year
        with self.acting(principal):
            norms = self._norms(year) or ReimbursementNorms(academic_year=year)
            norms.set_norm(command.monthly_norm, command.specialty_code)
        return self.recorded(norms)

    def set_budget(self, principal: Principal,
                   command: SetBudget) -> Recorded[ReimbursementBudget]:
        principal.require_role(Role.ADMIN)
        self.participants.require_organisation(command.college_bin, OrganisationKind.COLLEGE,
                                               "bin")
        with self.acting(principal):
            budget = self._budget(command.college_bin, command.academic_year) or \
                ReimbursementBudget(college_bin=command.college_bin,
                                    academic_year=command.academic_year)
            budget.set_amount(command.amount)
        return self.recorded(budget)

    def norms(self, principal: Principal, academic_year: AcademicYear) -> ReimbursementNorms:
        principal.require_role(*NORM_READERS)
        norms = self._norms(academic_year)
        if norms is None:
            raise NotFoundError(f"reimbursement norms for {academic_year} not found")
        return norms

    def budget(self, principal: Principal, college_bin: BIN,
               academic_year: AcademicYear) -> ReimbursementBudget:
        check_budget_reader(principal, college_bin)
        budget = self._budget(college_bin, academic_year)
        if budget is None:
            raise NotFoundError(f"reimbursement budget of {college_bin} for {academic_year} "
                                "not found")
        return budget

    def reference_history(self, aggregate: AuditedAggregate) -> list[AuditedAggregate.Event]:
        return self.events_of(aggregate.id)

    # Claims (enterprise) ----------------------------------------------------------------

    def submit_claim(self, principal: Principal, command: SubmitClaim) -> Recorded[Claim]:
        principal.require_role(Role.ENTERPRISE)
        self.catch_up()
        followed = self.followed(command.agreement_id)
        # Another enterprise's agreement is as unknown as one that does not exist.
        if followed is None or not (principal.role is Role.SYSTEM or principal.is_(
                Role.ENTERPRISE, followed.facts.enterprise_bin.value)):
            raise NotFoundError(f"agreement {command.agreement_id} not found")
        facts = followed.facts
        guard_id = ClaimedMonth.create_id(facts.agreement_id, command.month)
        guard = self.load_or_none(guard_id, ClaimedMonth, "claimed month")
        with self.acting(principal):
            claim = ReimbursementClaim.submit(
                facts=facts, month=command.month, costs=command.costs,
                norms=self._norms(AcademicYear.of_month(command.month)), today=self.today())
            guard = guard or ClaimedMonth(agreement_id=facts.agreement_id, month=command.month)
            guard.take(claim.id)
        # The guard (natural id per agreement and month) is saved with the claim: of two
        # claims for the same month sent at once, only one is recorded.
        return self.recorded(claim, guard)

    def month_claimed(self, agreement_id: UUID, month: Month) -> bool:
        """Whether any claim (even a rejected one) was ever made for this agreement-month."""
        return self.exists(ClaimedMonth.create_id(agreement_id, month))

    def get(self, principal: Principal, claim_id: UUID, *, version: int | None = None,
            as_of: datetime | None = None) -> Claim:
        claim = self._readable(principal, claim_id)
        return self.state_at(claim, CLAIM, version=version, as_of=as_of)

    def history(self, principal: Principal, claim_id: UUID) -> list[AuditedAggregate.Event]:
        return self.events_of(self._readable(principal, claim_id).id)

    # Decision and payment (college) ----------------------------------------------------

    def approve_claim(self, principal: Principal, command: ApproveClaim) -> Recorded[Claim]:
        principal.require_role(Role.COLLEGE)
        claim = self._writable(principal, command.claim_id, command.expected_version)
        budget = self._budget(claim.college_bin, claim.academic_year)
        with self.acting(principal):
            amount = claim.approve(self.today())
            if budget is None:
                raise no_budget_error(claim.college_bin, claim.academic_year)
            budget.charge(claim.id, amount)
        # One save: two approvals racing for the same budget collide on its version.
        return self.recorded(claim, budget)

    def reject_claim(self, principal: Principal, command: RejectClaim) -> Recorded[Claim]:
        principal.require_role(Role.COLLEGE)
        claim = self._writable(principal, command.claim_id, command.expected_version)
        guard = self.load(ClaimedMonth.create_id(claim.agreement_id, claim.month),
                          ClaimedMonth, "claimed month")
        with self.acting(principal):
            claim.reject(command.reason, self.today())
            guard.release(claim.id)  # the month may be claimed again
        return self.recorded(claim, guard)

    def record_payment(self, principal: Principal,
                       command: RecordClaimPayment) -> Recorded[Claim]:
        """A repeat of the reference that settled the claim records nothing (``new`` False)."""
        principal.require_role(Role.COLLEGE)
        claim = self._writable(principal, command.claim_id, command.expected_version)
        with self.acting(principal):
            claim.record_payment(command.payment_reference, command.paid_on, self.today())
        return self.recorded(claim)

    def reverse_payment(self, principal: Principal,
                        command: ReverseClaimPayment) -> Recorded[Claim]:
        principal.require_role(Role.COLLEGE)
        claim = self._writable(principal, command.claim_id, command.expected_version)
        if claim.find_payment(command.payment_reference) is None:
            raise NotFoundError(f"payment {command.payment_reference!r} of claim {claim.id} "
                                "not found")
        with self.acting(principal):
            claim.reverse_payment(command.payment_reference, command.reason, self.today())
        return self.recorded(claim)

    # Helpers -------------------------------------------------------------------------

    def _norms(self, year: AcademicYear) -> ReimbursementNorms | None:
        return self.load_or_none(ReimbursementNorms.create_id(year), ReimbursementNorms,
                                 f"reimbursement norms for {year}")

    def _budget(self, college: BIN, year: AcademicYear) -> ReimbursementBudget | None:
        return self.load_or_none(ReimbursementBudget.create_id(college, year),
                                 ReimbursementBudget, f"reimbursement budget of {college}")

    def _readable(self, principal: Principal, claim_id: UUID) -> Claim:
        principal.require_role(*CLAIM_READERS)
        claim = self.load(claim_id, ReimbursementClaim, CLAIM)
        check_claim_reader(principal, claim)
        return claim

    def _writable(self, principal: Principal, claim_id: UUID,
                  expected_version: int | None) -> Claim:
        """Role (403), then the claim's college (404), then If-Match (412)."""
        claim = self.load(claim_id, ReimbursementClaim, CLAIM)
        check_college(principal, claim)
        if expected_version is not None and claim.version != expected_version:
            raise StaleVersionError(f"{CLAIM} is at version {claim.version}, not "
                                    f"{expected_version}")
        return claim

"""Dual-training agreements: every command and read of the Agreements application.

Each command is a typed dataclass (``application.agreements.commands``) parsed at the edge.
A method checks the role (403), loads the agreement checking the party (404) and the
If-Match version (412), runs the aggregate's command as the principal, and saves it with
the guards it touched in one ``recorded(...)`` (see ``application.agreements.guards``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import DomainEvent

from application.agreements import commands as c
from application.agreements.access import (
    ORGANISATIONS,
    READERS,
    SIGNERS,
    may_act_as,
    organisation_party,
    require_party,
)
from application.agreements.guards import book_term, current_mentor, load_of, release_all
from application.base import DualtrackApplication, Recorded, require_version
from application.errors import PermissionDeniedError
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.errors import DuplicateNumberError, MentorNotRegisteredError
from domain.agreements.guards import AgreementNumber
from domain.agreements.terms import Terms, is_practice_plan_flagged
from domain.participants.aggregates import OrganisationKind
from domain.shared.audit import Role
from domain.shared.calendar import Month
from domain.shared.identifiers import BIN

if TYPE_CHECKING:
    from application.participants.service import Participants
    from domain.participants.aggregates import Organisation

__all__ = ["Agreements"]

_COLLEGE = (Role.COLLEGE,)
_ENTERPRISE = (Role.ENTERPRISE,)
Done = Recorded[DualTrainingAgreement]
OrganisationLookup = Callable[[BIN, OrganisationKind, str], "Organisation"]


class Agreements(DualtrackApplication):
    name = "agreements"
    snapshotting_intervals = {DualTrainingAgreement: 50}

    def __init__(self, env: dict[str, str] | None = None, *, participants: Participants,
                 mentor_max_trainees: int = 5, credit_months: tuple[int, int] = (6, 18)
                 ) -> None:
        super().__init__(env)
        self.participants = participants
        self.mentor_max_trainees = mentor_max_trainees
        # The configured seniority range (Settings.credit_min_months/credit_max_months).
        self.credit_months = credit_months

    # Loading ------------------------------------------------------------------------

    def agreement_unchecked(self, agreement_id: UUID, *, version: int | None = None
                            ) -> DualTrainingAgreement:
        """An agreement without access checks (for the other applications' policies)."""
        return self.load(agreement_id, DualTrainingAgreement, f"agreement {agreement_id}",
                         version=version)

    def _for_change(self, principal: Principal, agreement_id: UUID, roles: tuple[Role, ...],
                    expected_version: int | None) -> DualTrainingAgreement:
        """Role first (403), then party (404), then the If-Match version (412)."""
        principal.require_role(*roles)
        agreement = self.load(agreement_id, DualTrainingAgreement, f"agreement {agreement_id}")
        require_party(principal, agreement)
        require_version(agreement, expected_version, f"agreement {agreement.number}")
        return agreement

    # Registration, terms, signatures and amendments (rule 1) ------------------------

    def register(self, principal: Principal, command: c.Register) -> Done:
        agreement, claim = self.draft(principal, command, read_number=False)
        # No read of the number first: a number already taken (or taken by a racing
        # request) collides on the guard's id at version 1.
        return self.recorded_claiming(agreement, claim, DuplicateNumberError(
            f"college {command.college_bin} already has agreement number {command.number}"))

    def draft(self, principal: Principal, command: c.Register, *,
              organisations: OrganisationLookup | None = None, read_number: bool = True
              ) -> tuple[DualTrainingAgreement, AgreementNumber]:
        """Every check of a registration, and the new agreement with its number guard,
        not yet saved: ``register`` saves one, the intake import many in one save (and
        passes ``organisations``, a lookup it remembers, to read each BIN once).
        ``read_number``: refuse a taken number now (the import reports it per row)."""
        require_organisation = organisations or self.participants.require_organisation
        principal.require_role(*ORGANISATIONS)
        own = {Role.COLLEGE: command.college_bin.value,
               Role.ENTERPRISE: command.enterprise_bin.value}
        if principal.role in own and principal.subject != own[principal.role]:
            raise PermissionDeniedError(f"a {principal.role.value} registers only agreements "
                                        "it is a party to")
        region = require_organisation(
            command.college_bin, OrganisationKind.COLLEGE, "college_bin").region
        require_organisation(command.enterprise_bin, OrganisationKind.ENTERPRISE,
                             "enterprise_bin")
        if read_number and self.find_by_number(command.college_bin, command.number) is not None:
            raise DuplicateNumberError(f"college {command.college_bin} already has agreement "
                                       f"number {command.number}")
        terms = Terms(command.specialty_code, command.qualification, command.term,
                      command.planned_practice_months, command.workplace)
        with self.acting(principal):
            agreement = DualTrainingAgreement.register(
                number=command.number, college_bin=command.college_bin,
                enterprise_bin=command.enterprise_bin, region=region, trainee=command.trainee,
                representative=command.legal_representative, terms=terms, today=self.today())
            # Created at version 1 in the same save: a number already taken (or taken by a
            # racing request) collides on the guard's id; no read before the write.
            claim = AgreementNumber(college_bin=command.college_bin, number=command.number,
                                    agreement_id=agreement.id)
        return agreement, claim

    def change_terms(self, principal: Principal, command: c.ChangeTerms) -> Done:
        agreement = self._for_change(principal, command.agreement_id, ORGANISATIONS,
                                     command.expected_version)
        with self.acting(principal):
            agreement.change_terms(command.changes)
        return self.recorded(agreement)

    def sign(self, principal: Principal, command: c.Sign) -> Done:
        """Sign the current terms; the last signature activates the agreement.

        Activation books the term in the trainee's calendar, saved with the agreement:
        two racing activations of one trainee both write the calendar at the same
        version, so only one commits (the other gets ConcurrentWriteError, and on retry
        a TraineeOverlapError naming the winner).
        """
        agreement = self._for_change(principal, command.agreement_id, SIGNERS,
                                     command.expected_version)
        may_act_as(principal, command.party)
        with self.acting(principal):
            agreement.sign(command.party, self.today())
            calendar = book_term(self, agreement) if agreement.activated_on else None
        return self.recorded(agreement, calendar)

    def propose_amendment(self, principal: Principal, command: c.ProposeAmendment) -> Done:
        agreement = self._for_change(principal, command.agreement_id, ORGANISATIONS,
                                     command.expected_version)
        with self.acting(principal):
            agreement.propose_amendment(command.changes, command.reason,
                                        organisation_party(principal))
        return self.recorded(agreement)

    def accept_amendment(self, principal: Principal, command: c.AcceptAmendment) -> Done:
        """Accept an amendment; new dates are re-booked in the trainee's calendar."""
        agreement = self._for_change(principal, command.agreement_id, SIGNERS,
                                     command.expected_version)
        may_act_as(principal, command.party)
        with self.acting(principal):
            took_effect = agreement.accept_amendment(command.number, command.party)
            calendar = book_term(self, agreement) if took_effect else None
        return self.recorded(agreement, calendar)

    def cancel(self, principal: Principal, command: c.Cancel) -> Done:
        # A draft was never in the trainee's calendar nor in a mentor's load.
        agreement = self._for_change(principal, command.agreement_id, _COLLEGE,
                                     command.expected_version)
        with self.acting(principal):
            agreement.cancel(command.reason)
        return self.recorded(agreement)

    # The enterprise's records: mentors, briefings, the Annex, compensation (rules 4-7) -

    def assign_mentor(self, principal: Principal, command: c.AssignMentor) -> Done:
        """Assign or replace the mentor; the mentors' loads are guards saved alongside."""
        agreement = self._for_change(principal, command.agreement_id, _ENTERPRISE,
                                     command.expected_version)
        mentor = command.mentor_iin
        if not self.participants.is_active_mentor(agreement.enterprise_bin, mentor):
            raise MentorNotRegisteredError(f"{mentor} is not a registered mentor of "
                                           f"enterprise {agreement.enterprise_bin}")
        previous = current_mentor(agreement)
        with self.acting(principal):
            agreement.assign_mentor(mentor, command.from_date)
            # Concurrent assignments of one mentor all write the same MentorLoad at the same
            # version: only one commits, so the limit cannot be overrun by a race.
            load = load_of(self, mentor)
            load.hold(agreement.id, agreement.number, self.mentor_max_trainees)
            released = load_of(self, previous) if previous else None
            if released is not None:
                released.release(agreement.id)
        return self.recorded(agreement, load, released)

    def record_safety_briefing(self, principal: Principal,
                               command: c.RecordSafetyBriefing) -> Done:
        agreement = self._for_change(principal, command.agreement_id, _ENTERPRISE,
                                     command.expected_version)
        with self.acting(principal):
            agreement.record_safety_briefing(command.date, command.instructor, self.today())
        return self.recorded(agreement)

    def record_practice_period(self, principal: Principal,
                               command: c.RecordPracticePeriod) -> Done:
        agreement = self._for_change(principal, command.agreement_id, _ENTERPRISE,
                                     command.expected_version)
        with self.acting(principal):
            agreement.record_practice_period(command.period, command.position, command.duties,
                                             self.today())
        return self.recorded(agreement)

    def record_compensation(self, principal: Principal, command: c.RecordCompensation) -> Done:
        """The same payment reference twice records it once: ``Recorded.new`` is False."""
        agreement = self._for_change(principal, command.agreement_id, _ENTERPRISE,
                                     command.expected_version)
        with self.acting(principal):
            agreement.record_compensation(command.month, command.amount,
                                          command.payment_reference)
        return self.recorded(agreement)

    # Suspension, termination, completion (rules 8-10) --------------------------------
    # Whenever an agreement stops or starts being in force again, the trainee's calendar
    # and the mentor's load are saved with it, so a concurrent activation or assignment
    # sees the change or fails.

    def suspend(self, principal: Principal, command: c.Suspend) -> Done:
        agreement = self._for_change(principal, command.agreement_id, ORGANISATIONS,
                                     command.expected_version)
        with self.acting(principal):
            agreement.suspend(command.start_date, command.reason, command.expected_return)
        return self.recorded(agreement)

    def resume(self, principal: Principal, command: c.Resume) -> Done:
        agreement = self._for_change(principal, command.agreement_id, ORGANISATIONS,
                                     command.expected_version)
        with self.acting(principal):
            agreement.resume(command.date)
        return self.recorded(agreement)

    def terminate(self, principal: Principal, command: c.Terminate) -> Done:
        agreement = self._for_change(principal, command.agreement_id, ORGANISATIONS,
                                     command.expected_version)
        with self.acting(principal):
            agreement.terminate(command.reason_code, command.effective_date,
                                organisation_party(principal), command.comment, self.today())
            guards = release_all(self, agreement)
        return self.recorded(agreement, *guards)

    def revoke_termination(self, principal: Principal, command: c.RevokeTermination) -> Done:
        """Undo a mistaken termination: the agreement is back in force, so the guards are too."""
        agreement = self._for_change(principal, command.agreement_id, ORGANISATIONS,
                                     command.expected_version)
        with self.acting(principal):
            agreement.revoke_termination(command.reason, organisation_party(principal),
                                         self.today())
            calendar = book_term(self, agreement)
            mentor = current_mentor(agreement)
            load = load_of(self, mentor) if mentor is not None else None
            if load is not None:
                load.restore(agreement.id, agreement.number)
        return self.recorded(agreement, calendar, load)

    def complete(self, principal: Principal, command: c.Complete) -> Done:
        agreement = self._for_change(principal, command.agreement_id, _COLLEGE,
                                     command.expected_version)
        with self.acting(principal):
            agreement.complete(command.date, self.today())
            guards = release_all(self, agreement)
        return self.recorded(agreement, *guards)

    # Reading ------------------------------------------------------------------------

    def get(self, principal: Principal, agreement_id: UUID, *, version: int | None = None,
            as_of: datetime | None = None) -> DualTrainingAgreement:
        """The agreement now, at ``version``, or as it was at the moment ``as_of`` (UTC)."""
        principal.require_role(*READERS)
        agreement = self.agreement_unchecked(agreement_id)
        require_party(principal, agreement)
        return self.state_at(agreement, f"agreement {agreement.number}", version=version,
                             as_of=as_of)

    def history(self, principal: Principal, agreement_id: UUID) -> list[DomainEvent]:
        """Every event of the agreement, oldest first, with actor and correlation id."""
        return self.events_of(self.get(principal, agreement_id).id)

    def find_by_number(self, college_bin: BIN, number: str) -> UUID | None:
        guard = self.load_or_none(AgreementNumber.create_id(college_bin, number),
                                  AgreementNumber, "agreement number")
        return None if guard is None else guard.agreement_id

    def mentors_during(self, agreement_id: UUID, month: Month) -> set[str]:
        """IINs of the mentors assigned to the agreement on any day of ``month``."""
        return self.agreement_unchecked(agreement_id).mentors_during(month.period)

    def practice_plan_flagged(self, agreement: DualTrainingAgreement) -> bool:
        """DOMAIN.md rule 2, with the configured credit limits."""
        return is_practice_plan_flagged(agreement.planned_practice_months, self.credit_months)

"""What the agreement commands share: loading with access checks, and the guards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from application.agreements.access import parse_agreement_id, require_party
from application.base import DualtrackApplication
from application.errors import StaleVersionError
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.guards import MentorLoad, TraineeCalendar
from domain.agreements.terms import is_practice_plan_flagged
from domain.shared.audit import Role
from domain.shared.identifiers import IIN

if TYPE_CHECKING:
    from application.participants.service import Participants


class AgreementsBase(DualtrackApplication):
    def __init__(self, env: dict[str, str] | None = None, *, participants: Participants,
                 mentor_max_trainees: int = 5, credit_months: tuple[int, int] = (6, 18)
                 ) -> None:
        super().__init__(env)
        self.participants = participants
        self.mentor_max_trainees = mentor_max_trainees
        # The configured seniority range (Settings.credit_min_months/credit_max_months).
        self.credit_months = credit_months

    def practice_plan_flagged(self, agreement: DualTrainingAgreement) -> bool:
        """DOMAIN.md rule 2, with the configured credit limits."""
        return is_practice_plan_flagged(agreement.planned_practice_months, self.credit_months)


    def agreement(self, agreement_id: UUID | str, *, version: int | None = None
                  ) -> DualTrainingAgreement:
        """An agreement without access checks (for the other applications' policies)."""
        return self.load(parse_agreement_id(agreement_id), DualTrainingAgreement,
                         f"agreement {agreement_id}", version=version)

    def _for_change(self, principal: Principal, agreement_id: UUID | str, roles: tuple[Role, ...],
                    expected_version: int | None) -> DualTrainingAgreement:
        """Role first (403), then party (404), then the If-Match version (412)."""
        principal.require_role(*roles)
        agreement = self.agreement(agreement_id)
        require_party(principal, agreement)
        if expected_version is not None and agreement.version != expected_version:
            raise StaleVersionError(f"agreement {agreement.number} is at version "
                                    f"{agreement.version}, not {expected_version}")
        return agreement

    def _calendar(self, trainee_iin: IIN) -> TraineeCalendar:
        # Opening a calendar is itself a write at version 1: two first bookings collide too.
        calendar_id = TraineeCalendar.create_id(trainee_iin)
        if self.exists(calendar_id):
            return self.load(calendar_id, TraineeCalendar, f"calendar of {trainee_iin}")
        return TraineeCalendar(trainee_iin=trainee_iin)

    def _mentor_load(self, mentor_iin: IIN | str) -> MentorLoad:
        load_id = MentorLoad.create_id(mentor_iin)
        if self.exists(load_id):
            return self.load(load_id, MentorLoad, f"load of mentor {mentor_iin}")
        return MentorLoad(mentor_iin=IIN.parse(str(mentor_iin)))

    def _book_term(self, agreement: DualTrainingAgreement) -> TraineeCalendar:
        """Hold the agreement's term in the trainee's calendar (refused on an overlap)."""
        calendar = self._calendar(agreement.trainee_iin)
        calendar.book(agreement.id, agreement.number, agreement.term)
        return calendar

    def _release(self, agreement: DualTrainingAgreement) -> list[Any]:
        """Free the trainee's calendar and the mentor's load when the agreement ends."""
        calendar = self._calendar(agreement.trainee_iin)
        calendar.release(agreement.id)
        guards: list[Any] = [calendar]
        if agreement.current_mentor_iin is not None:
            load = self._mentor_load(agreement.current_mentor_iin)
            load.release(agreement.id)
            guards.append(load)
        return guards

"""Suspension, termination and its revocation, completion and cancellation of agreements.

Whenever an agreement stops or starts being in force again, the trainee's calendar
and the mentor's load (guards, see ``domain.agreements.guards``) are saved with it in
one ``record(...)``, so a concurrent activation or assignment sees the change or fails.
"""

from __future__ import annotations

from uuid import UUID

from application.agreements.access import ORGANISATIONS, organisation_party
from application.agreements.base import AgreementsBase
from application.inputs import parse_enum
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.records import TerminationReason
from domain.shared.audit import Role
from domain.shared.calendar import parse_date

_COLLEGE = (Role.COLLEGE,)


class LifecycleCommands(AgreementsBase):

    def suspend(self, principal: Principal, agreement_id: UUID | str, start_date: object,
                reason: object, expected_return: object, *,
                expected_version: int | None = None) -> DualTrainingAgreement:
        agreement = self._for_change(principal, agreement_id, ORGANISATIONS, expected_version)
        with self.acting(principal):
            agreement.suspend(parse_date(start_date, "start_date"), reason,
                              parse_date(expected_return, "expected_return"))
        self.record(agreement)
        return agreement

    def resume(self, principal: Principal, agreement_id: UUID | str, date: object, *,
               expected_version: int | None = None) -> DualTrainingAgreement:
        agreement = self._for_change(principal, agreement_id, ORGANISATIONS, expected_version)
        with self.acting(principal):
            agreement.resume(parse_date(date, "date"))
        self.record(agreement)
        return agreement

    def terminate(self, principal: Principal, agreement_id: UUID | str, reason_code: object,
                  effective_date: object, comment: object, *,
                  expected_version: int | None = None) -> DualTrainingAgreement:
        agreement = self._for_change(principal, agreement_id, ORGANISATIONS, expected_version)
        code = parse_enum(TerminationReason, reason_code, "reason_code")
        effective = parse_date(effective_date, "effective_date")
        with self.acting(principal):
            agreement.terminate(code, effective, organisation_party(principal), comment,
                                self.today())
            guards = self._release(agreement)
        self.record(agreement, *guards)
        return agreement

    def revoke_termination(self, principal: Principal, agreement_id: UUID | str,
                           reason: object, *, expected_version: int | None = None
                           ) -> DualTrainingAgreement:
        """Undo a mistaken termination: the agreement is back in force, so the guards are too."""
        agreement = self._for_change(principal, agreement_id, ORGANISATIONS, expected_version)
        with self.acting(principal):
            agreement.revoke_termination(reason, organisation_party(principal), self.today())
            calendar = self._book_term(agreement)
            load = None
            if agreement.current_mentor_iin is not None:
                load = self._mentor_load(agreement.current_mentor_iin)
                load.restore(agreement.id, agreement.number)
        self.record(agreement, calendar, load)
        return agreement

    def complete(self, principal: Principal, agreement_id: UUID | str, date: object, *,
                 expected_version: int | None = None) -> DualTrainingAgreement:
        agreement = self._for_change(principal, agreement_id, _COLLEGE, expected_version)
        with self.acting(principal):
            agreement.complete(parse_date(date, "date"), self.today())
            guards = self._release(agreement)
        self.record(agreement, *guards)
        return agreement

    def cancel(self, principal: Principal, agreement_id: UUID | str, reason: object, *,
               expected_version: int | None = None) -> DualTrainingAgreement:
        # A draft was never in the trainee's calendar nor in a mentor's load.
        agreement = self._for_change(principal, agreement_id, _COLLEGE, expected_version)
        with self.acting(principal):
            agreement.cancel(reason)
        self.record(agreement)
        return agreement

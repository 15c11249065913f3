"""Dual-training agreements: registration, terms, signatures, amendments and reading.

Cross-agreement rules are kept by guard aggregates saved in the same ``record(...)``
as the agreement (see ``domain.agreements.guards``): ``AgreementNumber`` (a college's
number is taken once), ``TraineeCalendar`` (one agreement in force per trainee and
day) and ``MentorLoad`` (a mentor's concurrent trainees).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from application.agreements.access import (
    ORGANISATIONS,
    READERS,
    SIGNERS,
    may_act_as,
    organisation_party,
    require_party,
)
from application.agreements.annex import AnnexCommands
from application.agreements.lifecycle import LifecycleCommands
from application.errors import PermissionDeniedError
from application.inputs import parse_enum
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.errors import (
    DuplicateNumberError,
)
from domain.agreements.guards import AgreementNumber
from domain.agreements.records import Party
from domain.agreements.terms import text
from domain.participants.aggregates import OrganisationKind
from domain.shared.audit import Role
from domain.shared.calendar import Month
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN

__all__ = ["Agreements"]


class Agreements(AnnexCommands, LifecycleCommands):
    name = "agreements"
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {DualTrainingAgreement: 50}

    def register(self, principal: Principal, *, number: object, college_bin: object,
                 enterprise_bin: object, trainee: Mapping[str, Any],
                 legal_representative: Mapping[str, Any] | None = None, specialty_code: object,
                 qualification: object, start_date: object, end_date: object,
                 planned_practice_months: object, workplace: object) -> DualTrainingAgreement:
        principal.require_role(*ORGANISATIONS)
        college, enterprise = _bin(college_bin, "college_bin"), _bin(enterprise_bin, "enterprise_bin")
        own = {Role.COLLEGE: college.value, Role.ENTERPRISE: enterprise.value}
        if principal.role in own and principal.subject != own[principal.role]:
            raise PermissionDeniedError(f"a {principal.role.value} registers only agreements "
                                        "it is a party to")
        trainee_iin, trainee_name = self._person(trainee, "trainee")
        representative_iin, representative_name = (None, None) if legal_representative is None \
            else self._person(legal_representative, "legal_representative")
        terms = {"specialty_code": specialty_code, "qualification": qualification,
                 "start_date": start_date, "end_date": end_date,
                 "planned_practice_months": planned_practice_months,
                 "workplace": workplace}
        region = self.participants.require_organisation(
            college, OrganisationKind.COLLEGE, "college_bin").region
        self.participants.require_organisation(enterprise, OrganisationKind.ENTERPRISE,
                                               "enterprise_bin")
        number_text = text(number, "number", max_length=50)
        self._require_free_number(college, number_text)
        with self.acting(principal):
            agreement = DualTrainingAgreement.register(
                number=number_text, college_bin=college, enterprise_bin=enterprise,
                region=region, trainee_iin=trainee_iin, trainee_name=trainee_name,
                representative_iin=representative_iin, representative_name=representative_name,
                terms=terms, today=self.today())
            # Created at version 1 in the same save: a second agreement racing for the number
            # collides on the guard's id and is refused as a concurrent write.
            taken = AgreementNumber(college_bin=college, number=number_text,
                                    agreement_id=agreement.id)
        self.record(agreement, taken)
        return agreement

    def _require_free_number(self, college: BIN, number: str) -> None:
        existing = self.find_by_number(college, number)
        if existing is not None:
            raise DuplicateNumberError(f"college {college} already has agreement number {number}")

    def _person(self, raw: Mapping[str, Any], field: str) -> tuple[IIN, object]:
        if not isinstance(raw, Mapping):
            raise InvalidValueError(f"{field} must be an object with iin and full_name",
                                    field=field, rule="type")
        try:
            iin = IIN.parse(raw.get("iin"), today=self.today())
        except InvalidValueError as error:
            raise error.at(f"{field}.iin") from None
        return iin, raw.get("full_name")

    # Reading ------------------------------------------------------------------------

    def get(self, principal: Principal, agreement_id: UUID | str, *,
            version: int | str | None = None,
            as_of: datetime | str | None = None) -> DualTrainingAgreement:
        """The agreement now, at ``version``, or as it was at the moment ``as_of`` (UTC)."""
        principal.require_role(*READERS)
        agreement = self.agreement(agreement_id)
        require_party(principal, agreement)
        return self.state_at(agreement, f"agreement {agreement.number}", version=version,
                             as_of=as_of)

    def history(self, principal: Principal, agreement_id: UUID | str) -> list[Any]:
        """Every event of the agreement, oldest first, with actor and correlation id."""
        return self.events_of(self.get(principal, agreement_id).id)

    def find_by_number(self, college_bin: BIN | str, number: str) -> UUID | None:
        guard_id = AgreementNumber.create_id(str(college_bin), str(number).strip())
        if not self.exists(guard_id):
            return None
        return self.load(guard_id, AgreementNumber, "agreement number").agreement_id

    def mentors_during(self, agreement_id: UUID | str, month: Month | str) -> set[str]:
        """IINs of the mentors assigned to the agreement on any day of ``month``."""
        return self.agreement(agreement_id).mentors_during(Month.parse(month).period)

    # Terms, signatures and amendments (rule 1) ---------------------------------------

    def change_terms(self, principal: Principal, agreement_id: UUID | str,
                     changes: Mapping[str, Any], *, expected_version: int | None = None
                     ) -> DualTrainingAgreement:
        agreement = self._for_change(principal, agreement_id, ORGANISATIONS, expected_version)
        with self.acting(principal):
            agreement.change_terms(dict(changes) if isinstance(changes, Mapping) else changes)
        self.record(agreement)
        return agreement

    def sign(self, principal: Principal, agreement_id: UUID | str, party: object, *,
             expected_version: int | None = None) -> DualTrainingAgreement:
        """Sign the current terms; the last signature activates the agreement.

        Activation books the term in the trainee's calendar, saved with the agreement:
        two racing activations of one trainee both write the calendar at the same
        version, so only one commits (the other gets ConcurrentWriteError, and on retry
        a RuleViolationError naming the winner).
        """
        agreement = self._for_change(principal, agreement_id, SIGNERS, expected_version)
        signing_as = parse_enum(Party, party, "party")
        may_act_as(principal, signing_as)
        with self.acting(principal):
            agreement.sign(signing_as, self.today())
            calendar = self._book_term(agreement) if agreement.activated_on else None
        self.record(agreement, calendar)
        return agreement

    def propose_amendment(self, principal: Principal, agreement_id: UUID | str,
                          changes: Mapping[str, Any], reason: object, *,
                          expected_version: int | None = None) -> DualTrainingAgreement:
        if not isinstance(changes, Mapping):
            raise InvalidValueError("changes must be an object of terms", field="changes",
                                    rule="type")
        agreement = self._for_change(principal, agreement_id, ORGANISATIONS, expected_version)
        with self.acting(principal):
            agreement.propose_amendment(dict(changes), reason, organisation_party(principal))
        self.record(agreement)
        return agreement

    def accept_amendment(self, principal: Principal, agreement_id: UUID | str, number: object,
                         party: object, *, expected_version: int | None = None
                         ) -> DualTrainingAgreement:
        """Accept an amendment; new dates are re-booked in the trainee's calendar."""
        agreement = self._for_change(principal, agreement_id, SIGNERS, expected_version)
        accepting_as = parse_enum(Party, party, "party")
        may_act_as(principal, accepting_as)
        amendment_number = _amendment_number(number)
        with self.acting(principal):
            took_effect = agreement.accept_amendment(amendment_number, accepting_as)
            calendar = self._book_term(agreement) if took_effect else None
        self.record(agreement, calendar)
        return agreement


def _bin(value: object, field: str) -> BIN:
    try:
        return BIN.parse(value)
    except InvalidValueError as error:
        raise error.at(field) from None


def _amendment_number(value: object) -> int:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValueError("the amendment number must be a positive whole number",
                                field="number", rule="integer")
    return value

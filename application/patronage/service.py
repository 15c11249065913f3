"""Patronage memoranda: a large enterprise takes a college under its patronage.

Each method checks the role (403), loads the memorandum checking the party (404) and
the If-Match version (412), runs the aggregate's command as the principal and saves it
with the guards it touched in one ``recorded(...)``: ``MemorandumNumber`` (the number,
once per enterprise) on drafting, ``PatronagePair`` (one memorandum in force per
enterprise and college at a time) on entry into force and termination.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import DomainEvent

from application.base import DualtrackApplication, Recorded
from application.errors import PermissionDeniedError, StaleVersionError
from application.patronage import commands as c
from application.patronage.access import (
    DELIVERERS,
    MEMORANDUM,
    PARTIES,
    READERS,
    may_sign_as,
    require_party,
    signatory,
)
from application.security import Principal
from domain.participants.aggregates import EnterpriseSize, OrganisationKind
from domain.patronage.errors import DuplicateMemorandumNumberError, NotLargeEnterpriseError
from domain.patronage.guards import MemorandumNumber, PatronagePair
from domain.patronage.memorandum import PatronageMemorandum
from domain.shared.audit import Role
from domain.shared.identifiers import BIN

if TYPE_CHECKING:
    from application.participants.service import Participants

Done = Recorded[PatronageMemorandum]


class Patronage(DualtrackApplication):
    name = "patronage"

    def __init__(self, env: dict[str, str] | None = None, *,
                 participants: Participants) -> None:
        super().__init__(env)
        self.participants = participants

    # Drafting and signing (rules 1 and 2) --------------------------------------------

    def draft(self, principal: Principal, command: c.DraftMemorandum) -> Done:
        principal.require_role(Role.ENTERPRISE)
        enterprise, college = command.enterprise_bin, command.college_bin
        if principal.role is Role.ENTERPRISE and principal.subject != enterprise.value:
            raise PermissionDeniedError("an enterprise drafts memoranda only in its own name")
        self.require_large_enterprise(enterprise)
        region = self.participants.require_organisation(college, OrganisationKind.COLLEGE,
                                                        "college_bin").region
        if self.exists(MemorandumNumber.create_id(enterprise, command.number)):
            raise DuplicateMemorandumNumberError(f"enterprise {enterprise} already has a "
                                                 f"memorandum number {command.number}")
        with self.acting(principal):
            memorandum = PatronageMemorandum.draft(
                number=command.number, enterprise_bin=enterprise, college_bin=college,
                region=region, term=command.term, sections=command.sections,
                commitments=command.commitments)
            # Version 1 of a natural id: a second draft racing for the number collides.
            taken = MemorandumNumber(enterprise_bin=enterprise, number=command.number,
                                     memorandum_id=memorandum.id)
        return self.recorded(memorandum, taken)

    def sign(self, principal: Principal, command: c.SignMemorandum) -> Done:
        """The second signature puts it in force, held in the pair's guard (saved with it):
        two memoranda of one pair entering into force at once write the guard at the same
        version, so only one commits, and the other meets ``MemorandumInForceError``."""
        memorandum = self._for_change(principal, command.memorandum_id, PARTIES,
                                      command.expected_version)
        may_sign_as(principal, command.party)
        if principal.role is not Role.COLLEGE:
            self.require_large_enterprise(memorandum.enterprise_bin)
        with self.acting(principal):
            pair = None
            if memorandum.sign(command.party, self.today()):
                pair = self._pair(memorandum.enterprise_bin, memorandum.college_bin)
                span = memorandum.in_force_span
                if span is not None:
                    pair.hold(memorandum.id, memorandum.number, span)
        return self.recorded(memorandum, pair)

    # Deliveries (rule 3) -------------------------------------------------------------

    def record_fulfilment(self, principal: Principal, command: c.RecordFulfilment) -> Done:
        memorandum = self._for_change(principal, command.memorandum_id, DELIVERERS,
                                      command.expected_version)
        with self.acting(principal):
            memorandum.record_fulfilment(kind=command.kind, quantity=command.quantity,
                                         on=command.date, evidence=command.evidence,
                                         today=self.today())
        return self.recorded(memorandum)

    def record_material_aid(self, principal: Principal, command: c.RecordMaterialAid) -> Done:
        memorandum = self._for_change(principal, command.memorandum_id, DELIVERERS,
                                      command.expected_version)
        with self.acting(principal):
            memorandum.record_material_aid(amount=command.amount, on=command.date,
                                           description=command.description,
                                           today=self.today())
        return self.recorded(memorandum)

    def record_programme(self, principal: Principal, command: c.RecordProgramme) -> Done:
        memorandum = self._for_change(principal, command.memorandum_id, DELIVERERS,
                                      command.expected_version)
        with self.acting(principal):
            memorandum.record_programme(title=command.title,
                                        specialty_code=command.specialty_code,
                                        on=command.date, today=self.today())
        return self.recorded(memorandum)

    def terminate(self, principal: Principal, command: c.TerminateMemorandum) -> Done:
        """The pair's guard is cut to the termination day, saved with the memorandum."""
        memorandum = self._for_change(principal, command.memorandum_id, PARTIES,
                                      command.expected_version)
        with self.acting(principal):
            memorandum.terminate(on=command.date, reason=command.reason,
                                 party=signatory(principal), today=self.today())
            pair = self._pair(memorandum.enterprise_bin, memorandum.college_bin)
            pair.cut(memorandum.id, command.date)
        return self.recorded(memorandum, pair)

    # Reading ------------------------------------------------------------------------

    def get(self, principal: Principal, memorandum_id: UUID, *, version: int | None = None,
            as_of: datetime | None = None) -> PatronageMemorandum:
        principal.require_role(*READERS)
        memorandum = self.load(memorandum_id, PatronageMemorandum, MEMORANDUM)
        require_party(principal, memorandum)
        return self.state_at(memorandum, MEMORANDUM, version=version, as_of=as_of)

    def history(self, principal: Principal, memorandum_id: UUID) -> list[DomainEvent]:
        return self.events_of(self.get(principal, memorandum_id).id)

    def find_by_number(self, enterprise_bin: BIN, number: str) -> UUID | None:
        taken = self.load_or_none(MemorandumNumber.create_id(enterprise_bin, number),
                                  MemorandumNumber, "memorandum number")
        return None if taken is None else taken.memorandum_id

    # Helpers ------------------------------------------------------------------------

    def require_large_enterprise(self, enterprise: BIN) -> None:
        """Rule 1: read from the participants' record; a size not recorded is refused."""
        organisation = self.participants.require_organisation(
            enterprise, OrganisationKind.ENTERPRISE, "enterprise_bin")
        if organisation.size is not EnterpriseSize.LARGE:
            size = organisation.size.value if organisation.size else "not recorded"
            raise NotLargeEnterpriseError(f"only a large enterprise may sign a patronage "
                                          f"memorandum; the size of {enterprise} is {size}")

    def _for_change(self, principal: Principal, memorandum_id: UUID, roles: tuple[Role, ...],
                    expected_version: int | None) -> PatronageMemorandum:
        """Role first (403), then party (404), then the If-Match version (412)."""
        principal.require_role(*roles)
        memorandum = self.load(memorandum_id, PatronageMemorandum, MEMORANDUM)
        require_party(principal, memorandum)
        if expected_version is not None and memorandum.version != expected_version:
            raise StaleVersionError(f"{MEMORANDUM} {memorandum.number} is at version "
                                    f"{memorandum.version}, not {expected_version}")
        return memorandum

    def _pair(self, enterprise: BIN, college: BIN) -> PatronagePair:
        """The pair's guard; opened on its first entry into force (call while acting)."""
        found = self.load_or_none(PatronagePair.create_id(enterprise, college), PatronagePair,
                                  "patronage pair")
        return found or PatronagePair(enterprise_bin=enterprise, college_bin=college)

"""Helpers to set up organisations, mentors and agreements quickly in application tests.

Every helper takes ``system``: anything with ``.participants`` and ``.agreements``
(the bootstrapped ``Dualtrack`` of the ``system`` fixture, or the lighter
``AgreementsWorld`` of the ``world`` fixture below, which needs no other area).
Business today is ``tests.conftest.TODAY`` (2026-11-23).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import pytest

from application.agreements import commands as c
from application.agreements.service import Agreements
from application.participants.service import Participants
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement, Party
from domain.agreements.terms import Person
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, IIN, compose_bin, compose_iin
from infrastructure.settings import Settings
from tests.application.participants.builders import mentor, organisation
from tests.conftest import TODAY

COLLEGE_BIN = compose_bin(2009, 4, serial=1).value
ENTERPRISE_BIN = compose_bin(2011, 7, serial=2).value
OTHER_COLLEGE_BIN = compose_bin(2010, 3, serial=3).value
OTHER_ENTERPRISE_BIN = compose_bin(2012, 5, serial=4).value
MENTOR_IIN = compose_iin(date(1980, 5, 17), male=True, serial=101).value
OTHER_MENTOR_IIN = compose_iin(date(1985, 2, 3), male=False, serial=102).value
REPRESENTATIVE_IIN = compose_iin(date(1982, 8, 9), male=False, serial=103).value
REGION = "35"

START = date(2026, 9, 1)
END = date(2027, 6, 30)

ADMIN = Principal(Role.ADMIN)
AUDITOR = Principal(Role.AUDITOR)

_serials = itertools.count(1000)


class HasAgreements(Protocol):
    participants: Participants
    agreements: Agreements


@dataclass
class AgreementsWorld:
    """Participants and Agreements only (enough for this area's tests)."""

    participants: Participants
    agreements: Agreements

    def close(self) -> None:
        self.agreements.close()
        self.participants.close()


def open_world(settings: Settings, *, mentor_max_trainees: int = 5) -> AgreementsWorld:
    """A "process": its own Participants and Agreements on the store of ``settings``."""
    participants = Participants(settings.app_env(Participants.name))
    agreements = Agreements(settings.app_env(Agreements.name), participants=participants,
                            mentor_max_trainees=mentor_max_trainees)
    participants.clock = agreements.clock = lambda: TODAY
    return AgreementsWorld(participants, agreements)


@pytest.fixture
def world(settings: Settings) -> Iterator[AgreementsWorld]:
    opened = open_world(settings)
    try:
        yield opened
    finally:
        opened.close()


@dataclass(frozen=True)
class Principals:
    college: Principal
    enterprise: Principal
    trainee: Principal
    auditor: Principal = AUDITOR
    admin: Principal = ADMIN
    monitor: Principal = Principal(Role.MONITOR, REGION)
    mentor: Principal = Principal(Role.MENTOR, MENTOR_IIN)


def principals(agreement: DualTrainingAgreement | None = None, *,
               college_bin: str = COLLEGE_BIN, enterprise_bin: str = ENTERPRISE_BIN,
               trainee_iin: str | None = None) -> Principals:
    """The college, enterprise and trainee principals of ``agreement`` (or of the given ids)."""
    if agreement is not None:
        college_bin = agreement.college_bin.value
        enterprise_bin = agreement.enterprise_bin.value
        trainee_iin = agreement.trainee_iin.value
    return Principals(college=Principal(Role.COLLEGE, college_bin),
                      enterprise=Principal(Role.ENTERPRISE, enterprise_bin),
                      trainee=Principal(Role.TRAINEE, trainee_iin or new_trainee_iin()))


def new_trainee_iin(born: date = date(2005, 3, 15)) -> str:
    """A fresh valid IIN (an adult on TODAY unless ``born`` says otherwise)."""
    return compose_iin(born, male=next(_serials) % 2 == 0, serial=next(_serials)).value


def register_organisations(system: HasAgreements, *, college_bin: str = COLLEGE_BIN,
                           enterprise_bin: str = ENTERPRISE_BIN, region: str = REGION) -> None:
    """Register the college and the enterprise (skipped when already registered)."""
    participants = system.participants
    if participants.find_organisation(BIN.parse(college_bin)) is None:
        participants.register_organisation(ADMIN, organisation(
            bin=college_bin, name="Karaganda Poly", kind="college", region=region, league="core"))
    if participants.find_organisation(BIN.parse(enterprise_bin)) is None:
        participants.register_organisation(ADMIN, organisation(
            bin=enterprise_bin, name="Qarmet", oked="24.10", kind="enterprise", region=region,
            size="large"))


def register_mentor(system: HasAgreements, *, iin: str = MENTOR_IIN,
                    enterprise_bin: str = ENTERPRISE_BIN) -> str:
    """Register a mentor at the enterprise (skipped when already registered); returns the IIN."""
    if not system.participants.is_active_mentor(BIN.parse(enterprise_bin), IIN.parse(iin)):
        system.participants.register_mentor(Principal(Role.ENTERPRISE, enterprise_bin),
                                            mentor(enterprise_bin, iin=iin))
    return iin


def draft_agreement(system: HasAgreements, *, number: str | None = None,
                    trainee_iin: str | None = None, representative_iin: str | None = None,
                    college_bin: str = COLLEGE_BIN, enterprise_bin: str = ENTERPRISE_BIN,
                    start: date = START, end: date = END, planned_practice_months: int = 8,
                    by: Principal | None = None) -> DualTrainingAgreement:
    """Register organisations if needed and a draft agreement (by the college by default)."""
    register_organisations(system, college_bin=college_bin, enterprise_bin=enterprise_bin)
    representative = None if representative_iin is None else \
        Person(IIN.parse(representative_iin), "Aigul Sarsenova")
    return system.agreements.register(by or Principal(Role.COLLEGE, college_bin), c.Register(
        number=number or f"DT-{next(_serials)}", college_bin=BIN.parse(college_bin),
        enterprise_bin=BIN.parse(enterprise_bin),
        trainee=Person(IIN.parse(trainee_iin or new_trainee_iin()), "Dana Akhmetova"),
        legal_representative=representative, specialty_code="07150200",
        qualification="Electric and gas welder", term=DatePeriod(start, end),
        planned_practice_months=planned_practice_months,
        workplace="Welding shop No. 2")).aggregate


def sign_all(system: HasAgreements, agreement: DualTrainingAgreement) -> DualTrainingAgreement:
    """Every required party signs (the college records the trainee's and representative's)."""
    who = principals(agreement)
    signer = {Party.COLLEGE: who.college, Party.ENTERPRISE: who.enterprise,
              Party.TRAINEE: who.trainee, Party.LEGAL_REPRESENTATIVE: who.college}
    for party in agreement.required_parties:
        if party not in agreement.signed_by:
            agreement = system.agreements.sign(signer[party],
                                               c.Sign(agreement.id, party)).aggregate
    return agreement


def active_agreement(system: HasAgreements, *, trainee_iin: str | None = None,
                     start: date = START, end: date = END,
                     mentor_iin: str | None = MENTOR_IIN, briefing: bool = True,
                     **draft: Any) -> DualTrainingAgreement:
    """An active agreement; by default with a mentor and a safety briefing from ``start``.

    ``mentor_iin=None`` leaves it without a mentor; ``briefing=False`` without a briefing;
    other keywords (number, college_bin, enterprise_bin, representative_iin,
    planned_practice_months) go to ``draft_agreement``.
    """
    agreement = sign_all(system, draft_agreement(system, trainee_iin=trainee_iin, start=start,
                                                 end=end, **draft))
    enterprise = principals(agreement).enterprise
    if mentor_iin is not None:
        register_mentor(system, iin=mentor_iin, enterprise_bin=agreement.enterprise_bin.value)
        agreement = system.agreements.assign_mentor(
            enterprise, c.AssignMentor(agreement.id, IIN.parse(mentor_iin), start)).aggregate
    if briefing:
        agreement = system.agreements.record_safety_briefing(enterprise, c.RecordSafetyBriefing(
            agreement.id, min(start, TODAY), "Labour protection engineer")).aggregate
    return agreement


def record_practice(system: HasAgreements, agreement: DualTrainingAgreement, start: date,
                    end: date) -> DualTrainingAgreement:
    """Record a practice period in the Annex (as the enterprise)."""
    return system.agreements.record_practice_period(
        principals(agreement).enterprise, c.RecordPracticePeriod(
            agreement.id, DatePeriod(start, end), "Welder's assistant",
            "Preparing joints, tack welding under supervision")).aggregate

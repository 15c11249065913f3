"""Organisations and memoranda for the patronage tests (business today 2026-11-23)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from application.patronage import commands as c
from application.patronage.service import Patronage
from application.security import Principal
from domain.patronage.memorandum import PatronageMemorandum
from domain.patronage.records import Commitment, CommitmentKind, Sections, Signatory
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, compose_bin
from infrastructure.bootstrap import bootstrap
from tests.application.participants.builders import organisation
from tests.conftest import TODAY

ENTERPRISE_BIN = compose_bin(2011, 7, serial=21).value
MEDIUM_BIN = compose_bin(2012, 5, serial=22).value
UNSIZED_BIN = compose_bin(2013, 4, serial=23).value
OTHER_ENTERPRISE_BIN = compose_bin(2014, 6, serial=24).value
COLLEGE_BIN = compose_bin(2009, 4, serial=25).value
OTHER_COLLEGE_BIN = compose_bin(2010, 3, serial=26).value

ADMIN = Principal(Role.ADMIN)
AUDITOR = Principal(Role.AUDITOR)
ENTERPRISE = Principal(Role.ENTERPRISE, ENTERPRISE_BIN)
COLLEGE = Principal(Role.COLLEGE, COLLEGE_BIN)
OTHER_ENTERPRISE = Principal(Role.ENTERPRISE, OTHER_ENTERPRISE_BIN)
OTHER_COLLEGE = Principal(Role.COLLEGE, OTHER_COLLEGE_BIN)
TERM = DatePeriod(date(2026, 1, 1), date(2028, 12, 31))
SECTIONS = Sections.of(subject_and_principles="Patronage of the college",
                       implementation="A joint plan each year",
                       obligations="Places, equipment, internships", term="Three years",
                       responsibility="Under the law of the Republic of Kazakhstan")


def register_organisations(system: Any) -> None:
    if system.participants.find_organisation(BIN.parse(COLLEGE_BIN)) is not None:
        return
    for bin_, kind, size in ((ENTERPRISE_BIN, "enterprise", "large"),
                             (MEDIUM_BIN, "enterprise", "medium"),
                             (UNSIZED_BIN, "enterprise", None),
                             (OTHER_ENTERPRISE_BIN, "enterprise", "large"),
                             (COLLEGE_BIN, "college", None),
                             (OTHER_COLLEGE_BIN, "college", None)):
        region = "55" if bin_ == OTHER_COLLEGE_BIN else "35"
        system.participants.register_organisation(ADMIN, organisation(
            bin=bin_, name=f"Org {bin_[-4:]}", kind=kind, region=region, size=size))


def drafting(*, number: str = "PM-1", enterprise_bin: str = ENTERPRISE_BIN,
             college_bin: str = COLLEGE_BIN, term: DatePeriod = TERM) -> c.DraftMemorandum:
    return c.DraftMemorandum(
        number=number, enterprise_bin=BIN.parse(enterprise_bin),
        college_bin=BIN.parse(college_bin), term=term, sections=SECTIONS,
        commitments=(Commitment(CommitmentKind.PRACTICE_PLACES, 20),
                     Commitment(CommitmentKind.EQUIPMENT)))


def draft(system: Any, principal: Principal = ENTERPRISE, **kwargs: Any) -> PatronageMemorandum:
    register_organisations(system)
    command = drafting(**kwargs)
    if principal is ENTERPRISE and command.enterprise_bin.value != ENTERPRISE_BIN:
        principal = Principal(Role.ENTERPRISE, command.enterprise_bin.value)
    return system.patronage.draft(principal, command).aggregate


def in_force(system: Any, **kwargs: Any) -> PatronageMemorandum:
    memorandum = draft(system, **kwargs)
    enterprise = Principal(Role.ENTERPRISE, memorandum.enterprise_bin.value)
    college = Principal(Role.COLLEGE, memorandum.college_bin.value)
    system.patronage.sign(enterprise, c.SignMemorandum(memorandum.id, Signatory.ENTERPRISE))
    return system.patronage.sign(college, c.SignMemorandum(
        memorandum.id, Signatory.COLLEGE)).aggregate


class HeldBackPatronage(Patronage):
    """A second process whose commands stop just before their one save, until released."""

    name = Patronage.name
    held: tuple = ()  # type: ignore[type-arg]

    def record(self, *aggregates: Any) -> None:  # type: ignore[override]
        self.held = aggregates

    def release(self) -> str | None:
        return Patronage.record(self, *self.held)


@pytest.fixture
def second_process(settings: Any) -> Iterator[HeldBackPatronage]:
    with bootstrap(settings) as other:
        patronage = HeldBackPatronage(settings.app_env(Patronage.name),
                                      participants=other.participants)
        patronage.clock = lambda: TODAY
        yield patronage
        patronage.close()

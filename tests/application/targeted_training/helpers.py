"""Targeted-training orders set up through the applications, as the parties would."""

from __future__ import annotations

from datetime import date
from typing import Any

from application.security import Principal
from application.targeted_training import commands as t
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, IIN, compose_bin, compose_iin
from tests.application.agreements.fixtures import (
    ADMIN,
    COLLEGE_BIN,
    OTHER_COLLEGE_BIN,
    REGION,
)
from tests.application.participants.builders import organisation

LARGE_BIN = compose_bin(2013, 8, serial=501).value
SMALL_BIN = compose_bin(2014, 2, serial=502).value
AGRO_BIN = compose_bin(2015, 3, serial=503).value
UNSIZED_BIN = compose_bin(2016, 4, serial=504).value
NO_OKED_BIN = compose_bin(2017, 5, serial=505).value
OTHER_LARGE_BIN = compose_bin(2018, 6, serial=506).value
COLLEGE = Principal(Role.COLLEGE, COLLEGE_BIN)
ENTERPRISE = Principal(Role.ENTERPRISE, LARGE_BIN)
ENROLLED_ON = date(2024, 9, 1)

ENTERPRISES = {LARGE_BIN: ("large", "24100"), SMALL_BIN: ("small", "24100"),
               AGRO_BIN: ("large", "01.11.0"), UNSIZED_BIN: (None, "24100"),
               NO_OKED_BIN: ("medium", None), OTHER_LARGE_BIN: ("large", "25110")}


def register(system: Any) -> None:
    """Two colleges of region 35 and the enterprises above (those not yet registered)."""
    participants = system.participants
    for bin_ in (COLLEGE_BIN, OTHER_COLLEGE_BIN):
        if participants.find_organisation(BIN.parse(bin_)) is None:
            participants.register_organisation(ADMIN, organisation(
                bin=bin_, name=f"College {bin_}", kind="college", region=REGION))
    for bin_, (size, oked) in ENTERPRISES.items():
        if participants.find_organisation(BIN.parse(bin_)) is not None:
            continue
        participants.register_organisation(ADMIN, organisation(
            bin=bin_, name=f"Enterprise {bin_}", kind="enterprise", region=REGION,
            size=size, oked=oked))


def submission(*, number: str = "TO-1", enterprise_bin: str = LARGE_BIN,
               college_bin: str = COLLEGE_BIN, places: int = 3,
               months: int = 12) -> t.SubmitOrder:
    return t.SubmitOrder(number=number, college_bin=BIN.parse(college_bin),
                         enterprise_bin=BIN.parse(enterprise_bin),
                         academic_year=AcademicYear.parse("2024-2025"),
                         specialty_code="07150200", qualification="Electric and gas welder",
                         places=places, employment_obligation_months=months)


def submit(system: Any, **terms: Any) -> Any:
    register(system)
    enterprise = Principal(Role.ENTERPRISE, terms.get("enterprise_bin", LARGE_BIN))
    return system.targeted_training.submit_order(enterprise, submission(**terms)).aggregate


def accepted(system: Any, **terms: Any) -> Any:
    order = submit(system, **terms)
    college = Principal(Role.COLLEGE, terms.get("college_bin", COLLEGE_BIN))
    return system.targeted_training.accept(
        college, t.AcceptOrder(order.id, "GOZ-2024/35-117")).aggregate


def student(serial: int) -> IIN:
    return compose_iin(date(2007, 3, 9), male=serial % 2 == 0, serial=6000 + serial)


def enrol(system: Any, order: Any, serial: int = 1) -> IIN:
    iin = student(serial)
    system.targeted_training.enrol(COLLEGE, t.EnrolStudent(order.id, iin, "Arman Seitkali",
                                                           ENROLLED_ON))
    return iin


def graduate(system: Any, order: Any, serial: int = 1,
             on: date = date(2026, 6, 30)) -> IIN:
    iin = enrol(system, order, serial)
    system.targeted_training.graduate(COLLEGE, t.GraduateStudent(order.id, iin, on))
    return iin

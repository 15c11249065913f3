"""Targeted-training orders of the whole-API world (``tests.interfaces.web.api_world``).

Enterprise E1 (large, OKED 24100) has placed two orders with college C1: one still
submitted, one accepted with three students: one in training (S1), one graduated
(S2) and one graduated and employed (S3).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from application.security import Principal
from application.targeted_training import commands as t
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, IIN, compose_iin

S1, S2, S3, S_NEW = (compose_iin(date(2007, 5, 5), male=True, serial=7300 + n).value
                     for n in range(4))


def order_body(number: str, college: str, enterprise: str) -> dict[str, Any]:
    return {"number": number, "college_bin": college, "enterprise_bin": enterprise,
            "academic_year": "2024-2025", "specialty_code": "07150200",
            "qualification": "Electric and gas welder", "places": 5,
            "employment_obligation_months": 12}


def build_targeted_orders(system: Any, college: str, enterprise: str) -> dict[str, Any]:
    app = system.targeted_training
    by_college, by_enterprise = Principal(Role.COLLEGE, college), Principal(Role.ENTERPRISE,
                                                                            enterprise)

    def submit(number: str) -> Any:
        return app.submit_order(by_enterprise, t.SubmitOrder(
            number=number, college_bin=BIN.parse(college), enterprise_bin=BIN.parse(enterprise),
            academic_year=AcademicYear(2024), specialty_code="07150200",
            qualification="Electric and gas welder", places=5,
            employment_obligation_months=12)).aggregate

    submitted, order = submit("W-TO-SUBMITTED"), submit("W-TO-ACCEPTED")
    app.accept(by_college, t.AcceptOrder(order.id, "GOZ-2024/35-117"))
    for iin in (S1, S2, S3):
        app.enrol(by_college, t.EnrolStudent(order.id, _iin(iin), "Arman Seitkali",
                                             date(2024, 9, 1)))
    for iin in (S2, S3):
        app.graduate(by_college, t.GraduateStudent(order.id, _iin(iin), date(2026, 6, 30)))
    app.record_employment(by_enterprise, t.RecordEmployment(order.id, _iin(S3),
                                                            date(2026, 7, 1), "Welder"))
    return {"targeted_submitted": {"order_id": submitted.id},
            "targeted_accepted": {"order_id": order.id, "iin": S1},
            "targeted_graduate": {"order_id": order.id, "iin": S2},
            "targeted_employed": {"order_id": order.id, "iin": S3}}


def _iin(value: str) -> IIN:
    return IIN.parse(value)

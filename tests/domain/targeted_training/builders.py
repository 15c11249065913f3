"""Orders for domain tests: a large, non-agro enterprise's order for 3 places."""

from __future__ import annotations

from datetime import date

from domain.participants.aggregates import EnterpriseSize
from domain.shared.academic_year import AcademicYear
from domain.shared.identifiers import IIN, compose_bin, compose_iin
from domain.targeted_training.order import TargetedTrainingOrder

TODAY = date(2026, 11, 23)
ENROLLED_ON = date(2026, 9, 1)


def student(serial: int) -> IIN:
    return compose_iin(date(2008, 4, 12), male=serial % 2 == 1, serial=8000 + serial)


def an_order(**overrides: object) -> TargetedTrainingOrder:
    terms: dict[str, object] = dict(
        number="TO-1", enterprise_bin=compose_bin(2011, 6, serial=2),
        college_bin=compose_bin(2009, 4, serial=1), academic_year=AcademicYear(2026),
        specialty_code="07150200", qualification="Electric and gas welder", places=3,
        employment_obligation_months=12, region="35", enterprise_size=EnterpriseSize.LARGE,
        enterprise_oked="24100", submitted_on=date(2026, 6, 1))
    terms.update(overrides)
    return TargetedTrainingOrder.submit(**terms)  # type: ignore[arg-type]


def an_accepted_order(**overrides: object) -> TargetedTrainingOrder:
    order = an_order(**overrides)
    order.accept("GOZ-2026/35-117", date(2026, 6, 20))
    return order


def a_graduate(order: TargetedTrainingOrder, serial: int = 1,
               graduated_on: date = date(2026, 6, 30)) -> IIN:
    iin = student(serial)
    order.enrol(iin, "Arman Seitkali", date(2024, 9, 1), TODAY)
    order.graduate(iin, graduated_on, TODAY)
    return iin

"""An agreement with practice in June 2027, norms and a budget, for the reimbursement tests.

Business today is pinned to 2027-07-15 (after June's practice, inside the 2026-2027
academic year).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from application.agreements import commands as c
from application.reimbursement import commands as r
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.reimbursement.claim import ReimbursementClaim
from domain.reimbursement.records import CostCategory, CostLine
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import Role
from domain.shared.calendar import Month
from domain.shared.identifiers import BIN
from domain.shared.money import Money
from tests.application.agreements.fixtures import (
    ADMIN,
    active_agreement,
    principals,
    record_practice,
)

TODAY = date(2027, 7, 15)
JUNE = Month(2027, 6)
YEAR = AcademicYear(2026)


def pin(system) -> None:  # type: ignore[no-untyped-def]
    system.pin_today(lambda: TODAY)


def june_agreement(system, *, suspended: bool = True, **draft: object) -> DualTrainingAgreement:  # type: ignore[no-untyped-def]
    """Practice 1-30 June 2027; suspended from 16 June, resumed on 21 June (25 days)."""
    agreement = active_agreement(system, start=date(2026, 9, 1), end=date(2027, 8, 31),
                                 **draft)
    agreement = record_practice(system, agreement, date(2027, 6, 1), date(2027, 6, 30))
    if suspended:
        enterprise = principals(agreement).enterprise
        system.agreements.suspend(enterprise, c.Suspend(agreement.id, date(2027, 6, 16),
                                                        "illness", date(2027, 6, 21)))
        agreement = system.agreements.resume(enterprise, c.Resume(
            agreement.id, date(2027, 6, 21))).aggregate
    return agreement


def set_norm(system, amount: str = "60000", specialty: str | None = None) -> None:  # type: ignore[no-untyped-def]
    system.reimbursement.set_norm(ADMIN, r.SetNorm(YEAR, Money.of(amount), specialty))


def set_budget(system, college_bin: BIN | str, amount: str) -> None:  # type: ignore[no-untyped-def]
    system.reimbursement.set_budget(ADMIN, r.SetBudget(BIN.parse(str(college_bin)), YEAR,
                                                       Money.of(amount)))


def costs(*amounts: str) -> tuple[CostLine, ...]:
    return tuple(CostLine(CostCategory.MATERIALS, Money(Decimal(a)), f"INV-{n}")
                 for n, a in enumerate(amounts, start=1))


def claim(system, agreement: DualTrainingAgreement, *amounts: str,  # type: ignore[no-untyped-def]
          month: Month = JUNE, by: Principal | None = None) -> ReimbursementClaim:
    who = by or Principal(Role.ENTERPRISE, agreement.enterprise_bin.value)
    return system.reimbursement.submit_claim(who, r.SubmitClaim(
        agreement.id, month, costs(*(amounts or ("40000",))))).aggregate


def college_of(agreement: DualTrainingAgreement) -> Principal:
    return Principal(Role.COLLEGE, agreement.college_bin.value)

"""Agreement facts, norms and cost lines for the reimbursement domain tests."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from domain.reimbursement.claim import ReimbursementClaim
from domain.reimbursement.records import AgreementFacts, CostCategory, CostLine
from domain.reimbursement.reference import ReimbursementNorms
from domain.shared.academic_year import AcademicYear
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN
from domain.shared.money import Money

COLLEGE = BIN.parse("210940001013")
ENTERPRISE = BIN.parse("180440002025")
TODAY = date(2027, 7, 15)
JUNE = Month(2027, 6)
JUNE_1_30 = DatePeriod(date(2027, 6, 1), date(2027, 6, 30))
TERM = DatePeriod(date(2026, 9, 1), date(2027, 8, 31))


def facts(*, practice: tuple[DatePeriod, ...] = (JUNE_1_30,),
          suspensions: tuple[DatePeriod, ...] = (), status: str = "active",
          term: DatePeriod = TERM,
          specialty_code: str = "07150200", agreement_id: UUID | None = None) -> AgreementFacts:
    return AgreementFacts(agreement_id=agreement_id or uuid4(), number="DT-1",
                          college_bin=COLLEGE, enterprise_bin=ENTERPRISE, region="35",
                          specialty_code=specialty_code, term=term, status=status,
                          practice=practice, suspensions=suspensions)


def norms(default: str | None = "60000", **by_specialty: str) -> ReimbursementNorms:
    table = ReimbursementNorms(academic_year=AcademicYear(2026))
    if default is not None:
        table.set_norm(Money.of(default), None)
    for specialty, amount in by_specialty.items():
        table.set_norm(Money.of(amount), specialty.removeprefix("s"))
    return table


def lines(*amounts: str) -> list[CostLine]:
    return [CostLine(CostCategory.MENTOR_PAY, Money.of(amount), f"INV-{n}")
            for n, amount in enumerate(amounts, start=1)]


def a_claim(*amounts: str, month: Month = JUNE, **facts_kwargs: object) -> ReimbursementClaim:
    return ReimbursementClaim.submit(facts=facts(**facts_kwargs), month=month,  # type: ignore[arg-type]
                                     costs=lines(*(amounts or ("40000",))), norms=norms(),
                                     today=TODAY)

"""The demo's reimbursement (Order No. 597): norms, budgets and claims in every state.

Norms for each academic year with claimed practice (60 000.00 KZT a month, 75 000.00
for welders), a budget of 2 000 000.00 per college and year, and a claim for each of
the most recent practice months of some agreements, played as one of six stories:
submitted, approved, paid, rejected, rejected and claimed again, paid and returned.
A month claimed once (even if rejected) is never claimed again, so a second run of the
demo adds nothing. The facts come from what reimbursement learnt by following the
agreements (never the agreements themselves).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from application.errors import NotFoundError
from application.reimbursement import commands as rb
from application.security import Principal
from domain.reimbursement.calculation import practice_days
from domain.reimbursement.records import AgreementFacts, CostCategory, CostLine
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import Role
from domain.shared.calendar import Month
from domain.shared.money import Money
from infrastructure.bootstrap import Dualtrack

ADMIN = Principal(Role.ADMIN, correlation_id="demo")
NORM, WELDER_NORM, WELDER = Money.of("60000.00"), Money.of("75000.00"), "07320100"
BUDGET = Money.of("2000000.00")
STORIES = ("submitted", "approved", "paid", "rejected", "claimed_again", "returned")
MAX_CLAIMS = 36


def claimable_months(facts: AgreementFacts, today: date) -> list[Month]:
    """Months before the current one with at least one practice day."""
    months: set[Month] = set()
    for period in facts.practice:
        month = Month.of(period.start)
        while month.first_day <= period.end:
            months.add(month)
            month = month.next()
    return sorted(m for m in months if m < Month.of(today)
                  and practice_days(m, facts.practice, facts.suspensions) > 0)


T = TypeVar("T")


def _found(read: Callable[..., T], *args: Any) -> T | None:
    try:
        return read(*args)
    except NotFoundError:
        return None


class ReimbursementScenarios:
    def __init__(self, system: Dualtrack, today: date) -> None:
        self.system = system
        self.today = today
        self.claims: Counter[str] = Counter()

    def play(self, agreement_ids: Iterable[UUID]) -> None:
        reimbursement = self.system.reimbursement
        reimbursement.catch_up()
        chosen: list[tuple[AgreementFacts, Month]] = []
        for agreement_id in sorted(agreement_ids, key=str):
            followed = reimbursement.followed(agreement_id)
            if followed is not None and followed.facts.started:
                chosen += [(followed.facts, m)
                           for m in claimable_months(followed.facts, self.today)[-2:]]
        chosen = chosen[:MAX_CLAIMS]
        self._reference(chosen)
        for seq, (facts, month) in enumerate(chosen):
            story = STORIES[seq % len(STORIES)]
            if not reimbursement.month_claimed(facts.agreement_id, month):
                self._story(story, facts, month, seq)
            self.claims[story] += 1

    def _reference(self, chosen: list[tuple[AgreementFacts, Month]]) -> None:
        reimbursement = self.system.reimbursement
        years = sorted({AcademicYear.of_month(month) for _, month in chosen})
        for year in years:
            known = _found(reimbursement.norms, ADMIN, year)
            for specialty, norm in ((None, NORM), (WELDER, WELDER_NORM)):
                current = None if known is None else known.norms.get(specialty or "")
                if current != norm:
                    reimbursement.set_norm(ADMIN, rb.SetNorm(year, norm, specialty))
        for college, year in sorted({(f.college_bin, AcademicYear.of_month(m))
                                     for f, m in chosen}, key=str):
            budget = _found(reimbursement.budget, ADMIN, college, year)
            if budget is None or budget.amount != BUDGET:
                reimbursement.set_budget(ADMIN, rb.SetBudget(college, year, BUDGET))

    def _story(self, story: str, facts: AgreementFacts, month: Month, seq: int) -> None:
        reimbursement = self.system.reimbursement
        enterprise = Principal(Role.ENTERPRISE, facts.enterprise_bin.value,
                               correlation_id="demo")
        college = Principal(Role.COLLEGE, facts.college_bin.value, correlation_id="demo")
        costs = (CostLine(CostCategory.MENTOR_PAY, Money.of(f"{30000 + seq * 250}.00"),
                          f"PAYROLL-{month}-{seq}"),
                 CostLine(CostCategory.MATERIALS, Money.of("12500.50"), f"INV-{month}-{seq}"),
                 CostLine(CostCategory.PROTECTIVE_CLOTHING, Money.of("8200.00"),
                          f"WAYBILL-{month}-{seq}"))
        claim = reimbursement.submit_claim(enterprise, rb.SubmitClaim(
            facts.agreement_id, month, costs)).aggregate
        if story in ("rejected", "claimed_again"):
            reimbursement.reject_claim(college, rb.RejectClaim(
                claim.id, "the payroll extract is not signed by the chief accountant"))
            if story == "claimed_again":
                reimbursement.submit_claim(enterprise, rb.SubmitClaim(
                    facts.agreement_id, month, costs[:2]))
            return
        if story == "submitted":
            return
        reimbursement.approve_claim(college, rb.ApproveClaim(claim.id))
        if story in ("paid", "returned"):
            reference = f"KZ-597-{month}-{seq:03d}"
            reimbursement.record_payment(college, rb.RecordClaimPayment(
                claim.id, reference, self.today))
            if story == "returned":
                reimbursement.reverse_payment(college, rb.ReverseClaimPayment(
                    claim.id, reference, "returned by the bank: the account is closed"))

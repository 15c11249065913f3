"""Reference data, effective by academic year and set by an admin (rule 1).

Each is an aggregate of its own with a natural id, so its history keeps every value
ever set: ``ReimbursementNorms`` (one per academic year: the default monthly norm and
the specialties' own) and ``ReimbursementBudget`` (one per college and academic year).
A later value for the same year (and specialty) replaces the earlier one; a claim keeps
the norm it was computed with.

The budget also holds the approvals charged to it: approving a claim and charging the
budget are one save, so two approvals racing for the last tenge collide on the budget's
version and only one is recorded.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.reimbursement.calculation import total
from domain.reimbursement.errors import BudgetExceededError
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import AuditedAggregate
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN
from domain.shared.ids import natural_id
from domain.shared.money import Money

DEFAULT = ""  # the year's default norm, in ``norms``


def _positive(amount: Money, field: str) -> None:
    if amount.amount <= 0:
        raise InvalidValueError(f"{field} must be positive", field=field, rule="positive")


class ReimbursementNorms(AuditedAggregate):
    """The monthly norms per trainee of one academic year (KZT)."""

    TOPIC_PREFIX = "dualtrack:reimbursement.ReimbursementNorms"

    @staticmethod
    def create_id(academic_year: AcademicYear) -> UUID:
        return natural_id("reimbursement-norms", str(academic_year))

    @event("Opened")
    def __init__(self, academic_year: AcademicYear) -> None:
        self.academic_year = academic_year
        # specialty code (DEFAULT for the year's default) -> monthly norm
        self.norms: dict[str, Money] = {}

    def set_norm(self, monthly_norm: Money, specialty_code: str | None) -> None:
        _positive(monthly_norm, "monthly_norm")
        self._set_norm(monthly_norm=monthly_norm, specialty_code=specialty_code)

    @event("NormSet")
    def _set_norm(self, monthly_norm: Money, specialty_code: str | None) -> None:
        self.norms = {**self.norms, specialty_code or DEFAULT: monthly_norm}

    @property
    def default_norm(self) -> Money | None:
        return self.norms.get(DEFAULT)

    def norm_for(self, specialty_code: str) -> Money | None:
        """The specialty's own norm wins over the year's default."""
        return self.norms.get(specialty_code) or self.default_norm


class ReimbursementBudget(AuditedAggregate):
    """A college's reimbursement budget for one academic year, and what is approved of it."""

    TOPIC_PREFIX = "dualtrack:reimbursement.ReimbursementBudget"

    @staticmethod
    def create_id(college_bin: BIN | str, academic_year: AcademicYear) -> UUID:
        return natural_id("reimbursement-budget", str(college_bin), str(academic_year))

    @event("Opened")
    def __init__(self, college_bin: BIN, academic_year: AcademicYear) -> None:
        self.college_bin = college_bin
        self.academic_year = academic_year
        self.amount = Money.zero()
        self.charges: dict[str, Money] = {}  # claim id (hex) -> approved amount

    def set_amount(self, amount: Money) -> None:
        """A later budget for the year replaces the earlier (both stay in history)."""
        _positive(amount, "amount")
        self._set_amount(amount=amount)

    @event("AmountSet")
    def _set_amount(self, amount: Money) -> None:
        self.amount = amount

    @property
    def approved(self) -> Money:
        return total(self.charges.values())

    @property
    def remaining(self) -> Money:
        """May be negative when a budget is lowered below what is already approved."""
        return self.amount - self.approved

    def charge(self, claim_id: UUID, amount: Money) -> None:
        """Charge an approval; refused (saying how much remains) if it would overspend."""
        if claim_id.hex in self.charges:
            return
        if amount > self.remaining:
            raise BudgetExceededError(
                f"approving {amount} would exceed the reimbursement budget of college "
                f"{self.college_bin} for {self.academic_year}: {max(self.remaining, Money.zero())} "
                f"remains of {self.amount}")
        self._charge(claim_id=claim_id, amount=amount)

    @event("Charged")
    def _charge(self, claim_id: UUID, amount: Money) -> None:
        self.charges = {**self.charges, claim_id.hex: amount}


def no_budget_error(college_bin: BIN, academic_year: AcademicYear) -> BudgetExceededError:
    return BudgetExceededError(f"college {college_bin} has no reimbursement budget for "
                               f"{academic_year}: 0.00 remains")

"""What a caller asks of reimbursement, one frozen command per use case (typed values only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.reimbursement.records import CostLine
from domain.shared.academic_year import AcademicYear
from domain.shared.calendar import Month
from domain.shared.identifiers import BIN
from domain.shared.money import Money


@dataclass(frozen=True)
class SetNorm:
    academic_year: AcademicYear
    monthly_norm: Money
    specialty_code: str | None = None


@dataclass(frozen=True)
class SetBudget:
    college_bin: BIN
    academic_year: AcademicYear
    amount: Money


@dataclass(frozen=True)
class SubmitClaim:
    agreement_id: UUID
    month: Month
    costs: tuple[CostLine, ...]


@dataclass(frozen=True)
class ApproveClaim:
    claim_id: UUID
    expected_version: int | None = None


@dataclass(frozen=True)
class RejectClaim:
    claim_id: UUID
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordClaimPayment:
    claim_id: UUID
    payment_reference: str
    paid_on: date
    expected_version: int | None = None


@dataclass(frozen=True)
class ReverseClaimPayment:
    claim_id: UUID
    payment_reference: str
    reason: str
    expected_version: int | None = None

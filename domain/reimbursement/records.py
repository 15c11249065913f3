"""What a reimbursement claim records: cost lines, payments, and the agreement facts it uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from uuid import UUID

from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN
from domain.shared.money import Money

# The bounds of the texts, checked where text enters (the API's schemas, the demo).
REFERENCE_MAX_LENGTH = 100
REASON_MAX_LENGTH = 500
SPECIALTY_MAX_LENGTH = 20
MAX_COST_LINES = 50


class CostCategory(Enum):
    MENTOR_PAY = "mentor_pay"
    MATERIALS = "materials"
    PROTECTIVE_CLOTHING = "protective_clothing"
    EQUIPMENT_WEAR = "equipment_wear"
    OTHER = "other"


class ClaimStatus(Enum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


@dataclass(frozen=True)
class CostLine:
    category: CostCategory
    amount: Money
    document_reference: str


@dataclass(frozen=True)
class ClaimPayment:
    """A bank transfer settling the claim; a returned one stays, marked reversed."""

    payment_reference: str
    amount: Money
    paid_on: date
    reversed: bool = False
    reversal_reason: str | None = None
    reversed_on: date | None = None


# Agreement states whose practice may be reimbursed (a draft or cancelled one has none).
STARTED_STATUSES = ("active", "suspended", "completed", "terminated")


@dataclass(frozen=True)
class AgreementFacts:
    """What reimbursement knows of one agreement, learnt by following its events."""

    agreement_id: UUID
    number: str
    college_bin: BIN
    enterprise_bin: BIN
    region: str
    specialty_code: str
    term: DatePeriod
    status: str  # the AgreementStatus value
    practice: tuple[DatePeriod, ...]
    suspensions: tuple[DatePeriod, ...]

    def __post_init__(self) -> None:
        # Stored events give lists back; tuples keep equality (the "changed?" test) exact.
        object.__setattr__(self, "practice", tuple(self.practice))
        object.__setattr__(self, "suspensions", tuple(self.suspensions))

    @property
    def started(self) -> bool:
        return self.status in STARTED_STATUSES

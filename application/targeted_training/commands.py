"""What a caller asks of targeted training, one frozen command per use case.

Every field is already a domain value: the API's schemas, the CLI and the demo parse
once, where the text came in, and the application never parses again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.shared.academic_year import AcademicYear
from domain.shared.identifiers import BIN, IIN
from domain.targeted_training.records import WithdrawalReason


@dataclass(frozen=True)
class SubmitOrder:
    number: str
    college_bin: BIN
    enterprise_bin: BIN
    academic_year: AcademicYear
    specialty_code: str
    qualification: str
    places: int
    employment_obligation_months: int


@dataclass(frozen=True)
class AcceptOrder:
    order_id: UUID
    state_order_reference: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RejectOrder:
    order_id: UUID
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class EnrolStudent:
    order_id: UUID
    iin: IIN
    full_name: str
    enrolled_on: date
    expected_version: int | None = None


@dataclass(frozen=True)
class WithdrawStudent:
    order_id: UUID
    iin: IIN
    date: date
    reason: WithdrawalReason
    expected_version: int | None = None


@dataclass(frozen=True)
class GraduateStudent:
    order_id: UUID
    iin: IIN
    date: date
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordEmployment:
    order_id: UUID
    iin: IIN
    start_date: date
    position: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordRelease:
    order_id: UUID
    iin: IIN
    date: date
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class EndEmployment:
    order_id: UUID
    iin: IIN
    date: date
    reason: str
    expected_version: int | None = None

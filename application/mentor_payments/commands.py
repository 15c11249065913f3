"""What a caller asks of mentor payments, one frozen command per use case.

Every field is already a domain value: the API's schemas, the CLI and the demo parse
once, where the text came in, and the application never parses again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from domain.mentor_payments.records import RateType
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money


@dataclass(frozen=True)
class ConcludeContract:
    number: str
    college_bin: BIN
    mentor_iin: IIN
    enterprise_bin: BIN
    term: DatePeriod
    rate_type: RateType
    rate: Money
    ceiling: Money


@dataclass(frozen=True)
class SubmitAct:
    contract_id: UUID
    month: Month
    agreement_ids: tuple[UUID, ...]
    hours: Decimal
    expected_version: int | None = None


@dataclass(frozen=True)
class ApproveAct:
    contract_id: UUID
    act_number: int
    expected_version: int | None = None


@dataclass(frozen=True)
class RejectAct:
    contract_id: UUID
    act_number: int
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordPayment:
    contract_id: UUID
    amount: Money
    payment_reference: str
    paid_on: date
    expected_version: int | None = None


@dataclass(frozen=True)
class ReversePayment:
    contract_id: UUID
    payment_reference: str
    reason: str
    expected_version: int | None = None

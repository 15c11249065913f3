"""What a caller asks of patronage memoranda, one frozen command per use case.

Every field is already a domain value: the API's schemas and the demo parse once, where
the text came in, and the application never parses again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.patronage.records import Commitment, CommitmentKind, Sections, Signatory
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN
from domain.shared.money import Money


@dataclass(frozen=True)
class DraftMemorandum:
    number: str
    enterprise_bin: BIN
    college_bin: BIN
    term: DatePeriod
    sections: Sections
    commitments: tuple[Commitment, ...]


@dataclass(frozen=True)
class SignMemorandum:
    memorandum_id: UUID
    party: Signatory
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordFulfilment:
    memorandum_id: UUID
    kind: CommitmentKind
    quantity: int
    date: date
    evidence: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordMaterialAid:
    memorandum_id: UUID
    amount: Money
    date: date
    description: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordProgramme:
    memorandum_id: UUID
    title: str
    specialty_code: str
    date: date
    expected_version: int | None = None


@dataclass(frozen=True)
class TerminateMemorandum:
    memorandum_id: UUID
    date: date
    reason: str
    expected_version: int | None = None

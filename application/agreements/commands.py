"""The agreement use cases as typed commands, one frozen dataclass each (cosmicpython style).

The edge (a marshmallow schema, the demo, a test) parses its strings once into these
domain values; ``Agreements`` and the aggregate take them as they are. Commands on an
existing agreement carry ``expected_version`` (the If-Match version; None: no check).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.agreements.records import Party, TerminationReason
from domain.agreements.terms import Person, TermsChange
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money


@dataclass(frozen=True)
class Register:
    number: str
    college_bin: BIN
    enterprise_bin: BIN
    trainee: Person
    specialty_code: str
    qualification: str
    term: DatePeriod
    planned_practice_months: int
    workplace: str
    legal_representative: Person | None = None


@dataclass(frozen=True)
class ChangeTerms:
    agreement_id: UUID
    changes: TermsChange
    expected_version: int | None = None


@dataclass(frozen=True)
class Sign:
    agreement_id: UUID
    party: Party
    expected_version: int | None = None


@dataclass(frozen=True)
class ProposeAmendment:
    agreement_id: UUID
    changes: TermsChange
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class AcceptAmendment:
    agreement_id: UUID
    number: int
    party: Party
    expected_version: int | None = None


@dataclass(frozen=True)
class Cancel:
    agreement_id: UUID
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class AssignMentor:
    agreement_id: UUID
    mentor_iin: IIN
    from_date: date
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordSafetyBriefing:
    agreement_id: UUID
    date: date
    instructor: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordPracticePeriod:
    agreement_id: UUID
    period: DatePeriod
    position: str
    duties: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RecordCompensation:
    agreement_id: UUID
    month: Month
    amount: Money
    payment_reference: str
    expected_version: int | None = None


@dataclass(frozen=True)
class Suspend:
    agreement_id: UUID
    start_date: date
    reason: str
    expected_return: date
    expected_version: int | None = None


@dataclass(frozen=True)
class Resume:
    agreement_id: UUID
    date: date
    expected_version: int | None = None


@dataclass(frozen=True)
class Terminate:
    agreement_id: UUID
    reason_code: TerminationReason
    effective_date: date
    comment: str
    expected_version: int | None = None


@dataclass(frozen=True)
class RevokeTermination:
    agreement_id: UUID
    reason: str
    expected_version: int | None = None


@dataclass(frozen=True)
class Complete:
    agreement_id: UUID
    date: date
    expected_version: int | None = None

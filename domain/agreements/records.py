"""The vocabulary of a dual-training agreement: its states, parties and recorded facts.

The recorded facts are frozen dataclasses: an aggregate replaces one (``dataclasses.replace``)
instead of mutating it, so a fact read from an older version never changes under the reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Any

from domain.shared.calendar import DatePeriod, Month
from domain.shared.money import Money


class AgreementStatus(Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    TERMINATED = "terminated"
    CANCELLED = "cancelled"


class Party(Enum):
    COLLEGE = "college"
    ENTERPRISE = "enterprise"
    TRAINEE = "trainee"
    LEGAL_REPRESENTATIVE = "legal_representative"


# Only the organisations propose amendments, terminate and revoke terminations.
ORGANISATIONS = (Party.COLLEGE, Party.ENTERPRISE)


class TerminationReason(Enum):
    BY_AGREEMENT = "by_agreement"
    EXPULSION = "expulsion"
    ENTERPRISE_LIQUIDATION = "enterprise_liquidation"
    TRANSFER = "transfer"
    TRAINEE_REQUEST = "trainee_request"
    OTHER = "other"


class AmendmentStatus(Enum):
    PROPOSED = "proposed"
    EFFECTIVE = "effective"


@dataclass(frozen=True)
class MentorAssignment:
    mentor_iin: str
    from_date: date
    to_date: date | None = None

    def span(self, until: date) -> DatePeriod | None:
        """The days of this assignment up to ``until`` (None if it starts later)."""
        end = min(self.to_date, until) if self.to_date else until
        return DatePeriod(self.from_date, end) if end >= self.from_date else None


@dataclass(frozen=True)
class SafetyBriefing:
    date: date
    instructor: str


@dataclass(frozen=True)
class PracticePeriod:
    period: DatePeriod
    position: str
    duties: str


@dataclass(frozen=True)
class Suspension:
    start_date: date
    reason: str
    expected_return: date
    resumed_on: date | None = None

    def period(self, term_end: date) -> DatePeriod:
        """Suspended days: up to the day before the return, or to the term end while open."""
        end = self.resumed_on - timedelta(days=1) if self.resumed_on else term_end
        return DatePeriod(self.start_date, max(end, self.start_date))


@dataclass(frozen=True)
class Compensation:
    month: Month
    amount: Money
    payment_reference: str


@dataclass(frozen=True)
class Amendment:
    number: int
    changes: dict[str, Any]  # term name -> value; a copy, never the event's own dict
    reason: str
    proposed_by: Party
    required: tuple[Party, ...]
    accepted_by: tuple[Party, ...] = ()
    status: AmendmentStatus = AmendmentStatus.PROPOSED

    @property
    def missing(self) -> list[Party]:
        return [party for party in self.required if party not in self.accepted_by]


@dataclass(frozen=True)
class Termination:
    reason_code: TerminationReason
    effective_date: date
    initiated_by: Party
    comment: str
    recorded_on: date
    revoked_on: date | None = None
    revocation_reason: str | None = None


RECORDED_FACTS: tuple[type, ...] = (
    MentorAssignment, SafetyBriefing, PracticePeriod, Suspension, Compensation, Amendment,
    Termination,
)

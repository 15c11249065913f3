"""What a patronage memorandum holds (seeds/003 section 10): its sections, commitments and
what the enterprise delivers under them.

The records are frozen and never re-validated when read back from the store; the
factories (``Sections.of``, ``Commitment.of``, ...) are where values are checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum

from domain.patronage.errors import DuplicateCommitmentError
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money

# The bounds of a memorandum's texts, checked where text enters (schemas, demo).
NUMBER_MAX_LENGTH = 50
SECTION_MAX_LENGTH = 10_000
TEXT_MAX_LENGTH = 500
SPECIALTY_MAX_LENGTH = 20
MAX_QUANTITY = 100_000


class MemorandumStatus(Enum):
    DRAFT = "draft"
    IN_FORCE = "in_force"
    TERMINATED = "terminated"
    # Never stored: what ``status_on`` says of one in force after its valid_to.
    EXPIRED = "expired"


class Signatory(Enum):
    ENTERPRISE = "enterprise"
    COLLEGE = "college"


class CommitmentKind(Enum):
    BOARD_SEATS = "board_seats"  # seats on the board of trustees or the industry council
    PRACTICE_PLACES = "practice_places"
    EQUIPMENT = "equipment"  # workshop and laboratory equipment
    PROGRAMME_UPDATES = "programme_updates"
    TEACHER_INTERNSHIPS = "teacher_internships"
    GRADUATE_EMPLOYMENT = "graduate_employment"


@dataclass(frozen=True)
class Sections:
    """The five text sections of section 10, each required."""

    subject_and_principles: str
    implementation: str
    obligations: str
    term: str
    responsibility: str

    @classmethod
    def of(cls, **texts: str) -> Sections:
        for name in (f.name for f in fields(cls)):
            if not texts.get(name, "").strip():
                raise InvalidValueError(f"section {name} must not be blank",
                                        field=f"sections.{name}", rule="required")
        return cls(**texts)


@dataclass(frozen=True)
class Commitment:
    kind: CommitmentKind
    target: int | None = None


def check_commitments(commitments: Sequence[Commitment]) -> tuple[Commitment, ...]:
    """At least one commitment, each kind once, targets positive where given."""
    if not commitments:
        raise InvalidValueError("a memorandum commits to at least one thing",
                                field="commitments", rule="required")
    seen: set[CommitmentKind] = set()
    for index, commitment in enumerate(commitments):
        if commitment.kind in seen:
            raise DuplicateCommitmentError(f"commitment {commitment.kind.value} is listed twice",
                                           field=f"commitments.{index}.kind")
        seen.add(commitment.kind)
        if commitment.target is not None and not 1 <= commitment.target <= MAX_QUANTITY:
            raise InvalidValueError(f"a target is 1-{MAX_QUANTITY}",
                                    field=f"commitments.{index}.target", rule="range")
    return tuple(commitments)


def check_quantity(quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidValueError(f"quantity must be 1-{MAX_QUANTITY}", field="quantity",
                                rule="range")


@dataclass(frozen=True)
class Fulfilment:
    kind: CommitmentKind
    quantity: int
    date: date
    evidence: str


@dataclass(frozen=True)
class MaterialAid:
    amount: Money
    date: date
    description: str


@dataclass(frozen=True)
class Programme:
    """An educational programme developed with the college."""

    title: str
    specialty_code: str
    date: date


@dataclass(frozen=True)
class Termination:
    date: date
    reason: str
    party: Signatory

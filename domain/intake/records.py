"""What an import job holds: its rows (agreement drafts), its problems and its outcome."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.agreements.terms import Person, Terms
from domain.shared.identifiers import BIN


class ImportMode(Enum):
    ALL = "all"  # nothing is written unless every row is valid
    VALID = "valid"  # the valid rows are written, the others reported


class JobStatus(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class RowError:
    """One problem of a row: its number in the file (the header is row 1), the column
    (as the file names it, or the field), the rule broken and a sentence."""

    row: int
    column: str
    rule: str
    detail: str


@dataclass(frozen=True)
class IntakeRow:
    """A row parsed into an agreement draft (the college is the job's)."""

    row: int
    number: str
    enterprise_bin: BIN
    trainee: Person
    legal_representative: Person | None
    terms: Terms

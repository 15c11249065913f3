"""The intake import's commands, and the agreement registration each row becomes.

The edge parses the file once: each row into the same ``Register`` command the HTTP API
builds (``IntakeRow.of`` keeps it storable in the job), each unreadable row into its
``RowError``s. The job then checks and saves every row through ``Agreements.draft``, the
one place where a registration's rules are checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from application.agreements.commands import Register
from domain.agreements.terms import Terms
from domain.intake.records import ImportMode, IntakeRow, RowError
from domain.shared.identifiers import BIN


def intake_row(row: int, command: Register) -> IntakeRow:
    """A parsed row as the job stores it (the college is the job's)."""
    terms = Terms(command.specialty_code, command.qualification, command.term,
                  command.planned_practice_months, command.workplace)
    return IntakeRow(row, command.number, command.enterprise_bin, command.trainee,
                     command.legal_representative, terms)


def registration(college_bin: BIN, row: IntakeRow) -> Register:
    """The stored row as the registration command it was parsed as."""
    terms = row.terms
    return Register(number=row.number, college_bin=college_bin,
                    enterprise_bin=row.enterprise_bin, trainee=row.trainee,
                    specialty_code=terms.specialty_code, qualification=terms.qualification,
                    term=terms.term, planned_practice_months=terms.planned_practice_months,
                    workplace=terms.workplace, legal_representative=row.legal_representative)


@dataclass(frozen=True)
class SubmitImport:
    college_bin: BIN
    rows: tuple[tuple[int, Register], ...]  # (row number in the file, its registration)
    problems: tuple[RowError, ...]  # the rows that did not parse
    total: int  # data rows in the file
    mode: ImportMode = ImportMode.ALL
    dry_run: bool = False

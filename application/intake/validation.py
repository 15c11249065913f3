"""Whole-file validation of an import job: every row checked before any is written.

Each row is drafted by ``Agreements.draft`` (the rules of a registration, checked once,
there) without saving. On top, what only a whole file can break: a number twice in the
file, and a trainee whose terms in the file (or with an agreement already in force)
overlap, which would refuse the second activation (rule 3). A number already recorded
with the same terms is ``already_present`` (the same file imported again), with other
terms an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from application.agreements.service import Agreements, OrganisationLookup
from application.intake.columns import column_of
from application.intake.commands import registration
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.errors import DuplicateNumberError, TraineeOverlapError
from domain.agreements.guards import AgreementNumber, TraineeCalendar
from domain.intake.records import IntakeRow, RowError
from domain.participants.aggregates import Organisation, OrganisationKind
from domain.shared.calendar import DatePeriod
from domain.shared.errors import DomainError, InvalidValueError
from domain.shared.identifiers import BIN


@dataclass
class Checked:
    errors: list[RowError] = field(default_factory=list)
    already_present: list[int] = field(default_factory=list)
    written_by_job: list[int] = field(default_factory=list)  # found on resuming
    drafts: list[tuple[int, DualTrainingAgreement, AgreementNumber]] = field(
        default_factory=list)


def same_terms(agreement: DualTrainingAgreement, row: IntakeRow) -> bool:
    return (agreement.trainee_iin == row.trainee.iin
            and agreement.enterprise_bin == row.enterprise_bin
            and agreement.start_date == row.terms.term.start
            and agreement.end_date == row.terms.term.end)


def check(agreements: Agreements, principal: Principal, college_bin: BIN,
          rows: list[IntakeRow], skip: set[int]) -> Checked:
    """Check ``rows`` (but those in ``skip``) as ``principal`` (the job's college)."""
    checked = Checked()
    numbers: dict[str, int] = {}
    terms: dict[str, list[tuple[int, str, DatePeriod]]] = {}
    calendars: dict[str, TraineeCalendar | None] = {}
    organisations = remembered(agreements)
    # Two bulk reads instead of two reads per row: which numbers are taken already, and
    # which trainees have a calendar (only those are loaded).
    todo = [row for row in rows if row.row not in skip]
    taken = agreements.existing([AgreementNumber.create_id(college_bin, row.number)
                                 for row in todo])
    with_calendar = agreements.existing(list(dict.fromkeys(
        TraineeCalendar.create_id(row.trainee.iin.value) for row in todo)))
    for row in todo:
        iin = row.trainee.iin.value
        if iin not in calendars and TraineeCalendar.create_id(iin) not in with_calendar:
            calendars[iin] = None
        error = _in_file(row, numbers, terms)
        if error is None:
            error = _drafted(agreements, principal, college_bin, row, checked, calendars,
                             organisations,
                             AgreementNumber.create_id(college_bin, row.number) in taken)
        if error is not None:
            checked.errors.append(error)
    return checked


def remembered(agreements: Agreements) -> OrganisationLookup:
    """``require_organisation``, reading each (BIN, kind) once in an import."""
    found: dict[tuple[str, OrganisationKind], Organisation | InvalidValueError] = {}

    def lookup(bin_: BIN, kind: OrganisationKind, field: str) -> Organisation:
        key = (bin_.value, kind)
        if key not in found:
            try:
                found[key] = agreements.participants.require_organisation(bin_, kind, field)
            except InvalidValueError as error:
                found[key] = error
        value = found[key]
        if isinstance(value, InvalidValueError):
            raise type(value)(value.message, field=field, rule=value.rule)
        return value
    return lookup


def _in_file(row: IntakeRow, numbers: dict[str, int],
             terms: dict[str, list[tuple[int, str, DatePeriod]]]) -> RowError | None:
    if (first := numbers.setdefault(row.number, row.row)) != row.row:
        return RowError(row.row, "number", DuplicateNumberError.rule,
                        f"agreement number {row.number} is already on row {first} of the file")
    term = row.terms.term
    held = terms.setdefault(row.trainee.iin.value, [])
    for other_row, number, other in held:
        if other.overlaps(term):
            return RowError(row.row, "start_date", TraineeOverlapError.rule,
                            f"trainee {row.trainee.iin} has agreement {number} on row "
                            f"{other_row} ({other}), overlapping {row.number} ({term})")
    held.append((row.row, row.number, term))
    return None


def _present(agreements: Agreements, principal: Principal, row: IntakeRow, existing: UUID,
             checked: Checked) -> None:
    agreement = agreements.agreement_unchecked(existing)
    if not same_terms(agreement, row):
        checked.errors.append(RowError(
            row.row, "number", DuplicateNumberError.rule,
            f"college {agreement.college_bin} already has agreement number {row.number}, "
            f"with another trainee, enterprise or term"))
        return
    first = agreements.events_of(existing)[0]
    if first.correlation_id == principal.correlation_id \
            and first.actor_id == principal.actor.id:
        checked.written_by_job.append(row.row)
    else:
        checked.already_present.append(row.row)


def _drafted(agreements: Agreements, principal: Principal, college_bin: BIN, row: IntakeRow,
             checked: Checked, calendars: dict[str, TraineeCalendar | None],
             organisations: OrganisationLookup, number_taken: bool) -> RowError | None:
    command = registration(college_bin, row)
    try:
        if number_taken:  # known from the bulk read: no draft, no second read
            raise DuplicateNumberError(f"agreement number {row.number} is taken")
        agreement, taken = agreements.draft(principal, command, organisations=organisations,
                                            read_number=False)
    except DuplicateNumberError:
        existing = agreements.find_by_number(college_bin, row.number)
        if existing is None:  # cancelled meanwhile? it cannot be: numbers stay taken
            raise
        _present(agreements, principal, row, existing, checked)
        return None
    except InvalidValueError as error:
        return RowError(row.row, column_of(error.field), error.rule, error.message)
    except DomainError as error:
        return RowError(row.row, "", error.rule, error.message)
    iin = row.trainee.iin.value
    if iin not in calendars:
        calendars[iin] = agreements.load_or_none(TraineeCalendar.create_id(iin),
                                                 TraineeCalendar, f"calendar of {iin}")
    calendar = calendars[iin]
    overlap = calendar.conflict(None, row.number, row.terms.term) if calendar else None
    if overlap is not None:
        return RowError(row.row, "start_date", overlap.rule, overlap.message)
    checked.drafts.append((row.row, agreement, taken))
    return None

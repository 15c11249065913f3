"""An import job: the rows of one file, and what became of each.

The rows are stored when the job is submitted, so any process can run (or resume) it.
Each batch of agreements written is followed by ``BatchWritten`` naming its rows; a job
interrupted between the two finds, on resuming, the rows that were written but not yet
noted (their agreements carry the job's correlation id) and notes them as created.
"""

from __future__ import annotations

from eventsourcing.domain import event

from domain.intake.errors import ImportFinishedError
from domain.intake.records import ImportMode, IntakeRow, JobStatus, RowError
from domain.shared.audit import AuditedAggregate
from domain.shared.identifiers import BIN


class ImportJob(AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:intake.ImportJob"

    @event("Submitted")
    def __init__(self, college_bin: BIN, mode: ImportMode, dry_run: bool, total: int,
                 rows: list[IntakeRow], problems: list[RowError]) -> None:
        self.college_bin = college_bin
        self.mode = mode
        self.dry_run = dry_run
        self.total = total  # data rows in the file, parsed or not
        self.rows = rows
        self.problems = problems  # found while parsing, before the job was stored
        self.status = JobStatus.QUEUED
        self.errors: list[RowError] = []
        self.created: list[int] = []
        self.already_present: list[int] = []
        self.failure = ""

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def invalid_rows(self) -> set[int]:
        return {error.row for error in [*self.problems, *self.errors]}

    def _require_open(self) -> None:
        if self.finished:
            raise ImportFinishedError(f"import {self.id} is {self.status.value}")

    def start(self, errors: list[RowError], already_present: list[int]) -> None:
        """The whole file was validated: ``errors`` and the rows already recorded."""
        self._require_open()
        self._start(errors=errors, already_present=already_present)

    @event("Validated")
    def _start(self, errors: list[RowError], already_present: list[int]) -> None:
        self.status = JobStatus.RUNNING
        self.errors = errors
        self.already_present = sorted(set(already_present))

    def note_written(self, rows: list[int]) -> None:
        self._require_open()
        fresh = sorted(set(rows) - set(self.created))
        if fresh:
            self._note_written(rows=fresh)

    @event("BatchWritten")
    def _note_written(self, rows: list[int]) -> None:
        self.created = sorted({*self.created, *rows})

    def finish(self) -> None:
        self._require_open()
        self._finish()

    @event("Finished")
    def _finish(self) -> None:
        self.status = JobStatus.DONE

    def fail(self, reason: str) -> None:
        self._require_open()
        self._fail(reason=reason)

    @event("Failed")
    def _fail(self, reason: str) -> None:
        self.status = JobStatus.FAILED
        self.failure = reason

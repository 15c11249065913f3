"""The ``intake`` application: import jobs, stored, and the runner that carries them out.

``submit`` stores a job with every row of the file (so any process can run it, and run
it again after a crash); ``run`` validates the whole file, then, unless the mode forbids
it, saves the agreements in batches (several aggregates per save) and notes each batch
on the job. A job interrupted half way is resumed by running it again: the rows already
noted are skipped, the ones written but not yet noted are recognised by the job's
correlation id, and nothing is written twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from application.base import DualtrackApplication, Recorded
from application.errors import ConcurrentWriteError, PermissionDeniedError
from application.intake.commands import SubmitImport, intake_row
from application.intake.validation import check
from application.security import Principal
from domain.agreements.terms import is_practice_plan_flagged
from domain.intake.job import ImportJob
from domain.intake.records import ImportMode, JobStatus, RowError
from domain.participants.aggregates import OrganisationKind
from domain.shared.audit import AuditedAggregate, Role

if TYPE_CHECKING:
    from application.agreements.service import Agreements

__all__ = ["Intake"]

BatchHook = Callable[[list[int]], None]  # called with the rows of each batch written
Progress = Callable[[int, int], None]  # (rows done, rows to write)


class Intake(DualtrackApplication):
    name = "intake"

    def __init__(self, env: dict[str, str] | None = None, *, agreements: Agreements,
                 batch_size: int = 500) -> None:
        super().__init__(env)
        self.agreements = agreements
        self.batch_size = batch_size

    def submit(self, principal: Principal, command: SubmitImport) -> Recorded[ImportJob]:
        principal.require_role(Role.COLLEGE)
        if not principal.is_(Role.COLLEGE, command.college_bin.value):
            raise PermissionDeniedError("a college imports only its own agreements")
        self.agreements.participants.require_organisation(
            command.college_bin, OrganisationKind.COLLEGE, "college_bin")
        with self.acting(principal):
            job = ImportJob(college_bin=command.college_bin, mode=command.mode,
                            dry_run=command.dry_run, total=command.total,
                            rows=[intake_row(n, register) for n, register in command.rows],
                            problems=list(command.problems))
        return self.recorded(job)

    def job(self, principal: Principal, job_id: UUID) -> ImportJob:
        """A college's own job (another's is not found)."""
        principal.require_role(Role.COLLEGE)
        job = self.load(job_id, ImportJob, f"import {job_id}")
        principal.require_visible(principal.is_(Role.COLLEGE, job.college_bin.value),
                                  f"import {job_id}")
        return job

    def flagged(self, job: ImportJob) -> list[RowError]:
        """Rows whose plan is outside the credited range (accepted, but flagged: rule 2)."""
        low, high = self.agreements.credit_months
        return [RowError(row.row, "planned_practice_months", "practice_plan_flagged",
                         f"{row.terms.planned_practice_months} planned months is outside "
                         f"{low}-{high}: no seniority credit unless the practice reaches "
                         f"{low} months")
                for row in job.rows
                if is_practice_plan_flagged(row.terms.planned_practice_months,
                                            self.agreements.credit_months)]

    def unfinished(self) -> list[UUID]:
        """Jobs submitted and not yet done (to resume after a restart)."""
        prefix = ImportJob.TOPIC_PREFIX
        open_jobs: dict[UUID, None] = {}
        for notification in self.recorder.select_notifications(
                start=None, limit=1_000_000,
                topics=[f"{prefix}.{name}" for name in ("Submitted", "Finished", "Failed")]):
            job_id = UUID(str(notification.originator_id))
            if notification.topic.endswith(".Submitted"):
                open_jobs[job_id] = None
            else:
                open_jobs.pop(job_id, None)
        return list(open_jobs)

    def run(self, job_id: UUID, *, after_batch: BatchHook | None = None,
            progress: Progress | None = None) -> ImportJob:
        """Validate the whole file, then write what the mode allows; safe to repeat."""
        job = self.load(job_id, ImportJob, f"import {job_id}")
        if job.finished:
            return job
        submitted = self.events_of(job.id)[0]
        principal = Principal(Role.COLLEGE, job.college_bin.value,
                              correlation_id=submitted.correlation_id)
        skip = job.invalid_rows | set(job.already_present) | set(job.created)
        checked = check(self.agreements, principal, job.college_bin, job.rows, skip)
        with self.acting(principal):
            if job.status is JobStatus.QUEUED:
                job.start(checked.errors, checked.already_present)
            job.note_written(checked.written_by_job)
        self.record(job)
        blocked = job.dry_run or (job.mode is ImportMode.ALL and bool(job.invalid_rows))
        drafts = [] if blocked else [d for d in checked.drafts if d[0] not in job.invalid_rows]
        try:
            self._write(job, principal, drafts, after_batch, progress)
        except ConcurrentWriteError as error:
            # Another writer took a number meanwhile (or runs this job too): a later
            # run re-validates what is left.
            with self.acting(principal):
                job.fail(f"{error.message}; run the import again to finish it")
            self.record(job)
            return job
        with self.acting(principal):
            job.finish()
        self.record(job)
        return job

    def _write(self, job: ImportJob, principal: Principal,
               drafts: Sequence[tuple[int, AuditedAggregate, AuditedAggregate]],
               after_batch: BatchHook | None, progress: Progress | None) -> None:
        for start in range(0, len(drafts), self.batch_size):
            batch = drafts[start:start + self.batch_size]
            self.agreements.record(*(a for _, *pair in batch for a in pair))
            rows = [row for row, *_ in batch]
            with self.acting(principal):
                job.note_written(rows)
            self.record(job)
            if progress is not None:
                progress(start + len(batch), len(drafts))
            if after_batch is not None:
                after_batch(rows)

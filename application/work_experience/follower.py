"""The following half of ``WorkExperience``: catching up with the agreements.

Why the credit follows the agreements' notification log, and does not share their
transactions: see the docstring of ``application.work_experience.service``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import IntegrityError
from eventsourcing.system import Follower, NotificationLogReader

from application.base import DualtrackApplication
from application.errors import ConcurrentWriteError
from domain.agreements.agreement import DualTrainingAgreement
from domain.shared.audit import Actor, acting_as
from domain.shared.identifiers import IIN
from domain.work_experience.agreement_practice import AgreementPractice
from domain.work_experience.credit import WorkExperienceCredit
from domain.work_experience.seniority import ZERO, credit

if TYPE_CHECKING:
    from application.agreements.service import Agreements

# Consecutive write conflicts on one position before catch_up gives up: each one means
# another writer changed the same credit at that moment, so a retry normally succeeds.
_MAX_CONFLICTS = 5


def practice_of(agreement: DualTrainingAgreement) -> AgreementPractice:
    """The facts of an agreement that its trainee's seniority depends on."""
    termination = agreement.termination
    closed_on = agreement.completed_on or (termination.effective_date if termination else None)
    return AgreementPractice(
        agreement_id=agreement.id, number=agreement.number, college_bin=agreement.college_bin,
        enterprise_bin=agreement.enterprise_bin, region=agreement.region,
        status=agreement.status.value,
        practice=tuple(p.period for p in agreement.practice_periods),
        suspensions=tuple(agreement.suspended_periods()), closed_on=closed_on)


class CreditFollower(DualtrackApplication, Follower[UUID]):
    """Keeps each trainee's WorkExperienceCredit in step with the agreements."""

    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {WorkExperienceCredit: 50}

    def __init__(self, env: dict[str, str] | None = None, *, agreements: Agreements,
                 min_months: int = 6, max_months: int = 18) -> None:
        credit(ZERO, min_months, max_months)  # refuses impossible limits at start-up
        super().__init__(env)
        self.agreements = agreements
        self.min_months = min_months
        self.max_months = max_months
        # Follow the agreements through their own notification log and mapper, so their
        # events decode with their own transcodings (and cipher).
        log = agreements.notification_log
        self.readers[agreements.name] = NotificationLogReader(log, section_size=log.section_size)
        self.mappers[agreements.name] = agreements.mapper

    # Following the agreements ------------------------------------------------------

    def catch_up(self) -> int:
        """Process every agreement notification not yet processed; returns how many.

        Safe with several processes at once: if another one processed a position
        first, saving ours fails on the tracking record and nothing of ours is kept;
        we re-read the tracked position and go on from there.
        """
        processed = conflicts = 0
        while True:
            try:
                return processed + self._catch_up_once()
            except _Conflict as conflict:
                processed += conflict.processed
                if self._tracked() >= conflict.position:
                    conflicts = 0  # another process did this position: that is progress
                    continue
                # A command changed the same credit at that moment: retry, a few times.
                conflicts = 1 if conflict.processed else conflicts + 1
                if conflicts > _MAX_CONFLICTS:
                    raise ConcurrentWriteError(
                        "work-experience credits kept changing while catching up with "
                        "the agreements; try again") from conflict.__cause__

    def _catch_up_once(self) -> int:
        """One pass from the tracked position to the end; a failed save is a ``_Conflict``."""
        leader = self.agreements.name
        processed = 0
        for batch in self.pull_notifications(leader, start=self._tracked() or None,
                                             inclusive_of_start=False):
            for domain_event, tracking in self.convert_notifications(leader, batch):
                try:
                    self.process_event(domain_event, tracking)
                except IntegrityError as error:
                    raise _Conflict(tracking.notification_id, processed) from error
                processed += 1
        return processed

    def _tracked(self) -> int:
        return self.recorder.max_tracking_id(self.agreements.name) or 0

    def policy(self, domain_event: DomainEventProtocol[UUID],
               processing_event: ProcessingEvent[UUID]) -> None:
        if not isinstance(domain_event, DualTrainingAgreement.Event):
            return  # the agreements' guard aggregates say nothing about practice
        agreement = self.agreements.agreement_unchecked(domain_event.originator_id,
                                              version=domain_event.originator_version)
        # Recorded by the system, explicitly (never a default actor), on behalf of the
        # agreement change: same correlation id.
        with acting_as(Actor.system(), getattr(domain_event, "correlation_id", "")):
            record = self._find_credit(agreement.trainee_iin) or WorkExperienceCredit(
                trainee_iin=agreement.trainee_iin, trainee_name=agreement.trainee_name)
            record.record_agreement(practice_of(agreement), agreement.trainee_name)
        processing_event.collect_events(record)

    def _find_credit(self, trainee: IIN) -> WorkExperienceCredit | None:
        return self.load_or_none(WorkExperienceCredit.create_id(trainee), WorkExperienceCredit,
                                 f"work-experience credit of {trainee}")


class _Conflict(Exception):
    """Saving the work done for notification ``position`` failed on a unique key."""

    def __init__(self, position: int, processed: int) -> None:
        super().__init__(f"conflict at agreements notification {position}")
        self.position = position
        self.processed = processed

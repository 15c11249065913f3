"""The following half of ``WorkExperience``: catching up with the agreements.

Why the credit follows the agreements' notification log, and does not share their
transactions: see the docstring of ``application.work_experience.service``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import IntegrityError
from eventsourcing.system import Follower, NotificationLogReader

from application.base import DualtrackApplication
from application.errors import ConcurrentWriteError, NotFoundError
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
        leader = self.agreements.name
        processed = conflicts = 0
        while True:
            position = None
            try:
                start = self.recorder.max_tracking_id(leader)
                for batch in self.pull_notifications(leader, start=start,
                                                     inclusive_of_start=False):
                    for domain_event, tracking in self.convert_notifications(leader, batch):
                        position = tracking.notification_id
                        self.process_event(domain_event, tracking)
                        processed += 1
                        conflicts = 0
                return processed
            except IntegrityError as error:
                tracked = self.recorder.max_tracking_id(leader) or 0
                if position is not None and tracked >= position:
                    conflicts = 0  # another process did this position: that is progress
                    continue
                # A command changed the same credit at that moment: retry, a few times.
                conflicts += 1
                if conflicts > _MAX_CONFLICTS:
                    raise ConcurrentWriteError(
                        "work-experience credits kept changing while catching up with "
                        "the agreements; try again") from error

    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        if not isinstance(domain_event, DualTrainingAgreement.Event):
            return  # the agreements' guard aggregates say nothing about practice
        agreement = self.agreements.agreement(domain_event.originator_id,
                                              version=domain_event.originator_version)
        # Written by the system on behalf of the agreement change: same correlation id.
        with acting_as(Actor.system(), getattr(domain_event, "correlation_id", "")):
            record = self._find_credit(agreement.trainee_iin) or WorkExperienceCredit(
                trainee_iin=agreement.trainee_iin, trainee_name=agreement.trainee_name)
            record.record_agreement(practice_of(agreement), agreement.trainee_name)
        processing_event.collect_events(record)

    def _find_credit(self, trainee: IIN) -> WorkExperienceCredit | None:
        try:
            return self.load(WorkExperienceCredit.create_id(trainee), WorkExperienceCredit,
                             f"work-experience credit of {trainee}")
        except NotFoundError:
            return None

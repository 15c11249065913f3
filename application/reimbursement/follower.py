"""The following half of ``Reimbursement``: learning the agreements from their events.

Claims need an agreement's parties, region, specialty, term, practice periods and
suspensions. Reimbursement does not read the agreement when a claim comes in: it
follows the agreements' notification log (as the work-experience credit does,
``application.work_experience.follower``) and keeps what it learnt in a
``FollowedAgreement`` per agreement, each change saved with its tracking record in one
transaction (exactly once). A command first catches up, so it sees every agreement
change committed before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import IntegrityError
from eventsourcing.system import Follower, NotificationLogReader

from application.base import DualtrackApplication
from application.errors import ConcurrentWriteError
from domain.agreements.agreement import DualTrainingAgreement
from domain.reimbursement.guards import FollowedAgreement
from domain.reimbursement.records import AgreementFacts
from domain.shared.audit import Actor, acting_as

if TYPE_CHECKING:
    from application.agreements.service import Agreements

_MAX_CONFLICTS = 5


def facts_of(agreement: DualTrainingAgreement) -> AgreementFacts:
    """What a claim depends on, as of one version of an agreement."""
    return AgreementFacts(
        agreement_id=agreement.id, number=agreement.number,
        college_bin=agreement.college_bin, enterprise_bin=agreement.enterprise_bin,
        region=agreement.region, specialty_code=agreement.specialty_code,
        term=agreement.term, status=agreement.status.value,
        practice=tuple(p.period for p in agreement.practice_periods),
        suspensions=tuple(agreement.suspended_periods()))


class AgreementFollower(DualtrackApplication, Follower[UUID]):
    """Keeps a FollowedAgreement per agreement in step with the agreement's events."""

    def __init__(self, env: dict[str, str] | None = None, *, agreements: Agreements) -> None:
        super().__init__(env)
        self.agreements = agreements
        log = agreements.notification_log
        self.readers[agreements.name] = NotificationLogReader(log, section_size=log.section_size)
        self.mappers[agreements.name] = agreements.mapper

    def catch_up(self) -> int:
        """Process every agreement notification not yet processed; returns how many."""
        processed = conflicts = 0
        while True:
            try:
                return processed + self._catch_up_once()
            except _Conflict as conflict:
                processed += conflict.processed
                if self._tracked() >= conflict.position:
                    conflicts = 0  # another process did this position: that is progress
                    continue
                conflicts = 1 if conflict.processed else conflicts + 1
                if conflicts > _MAX_CONFLICTS:
                    raise ConcurrentWriteError(
                        "reimbursement kept conflicting while catching up with the "
                        "agreements; try again") from conflict.__cause__

    def _catch_up_once(self) -> int:
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
            return  # the agreements' guards say nothing a claim needs
        # The agreement at the version of the event processed: the result does not depend
        # on when the notification is processed.
        agreement = self.agreements.agreement_unchecked(domain_event.originator_id,
                                                        version=domain_event.originator_version)
        facts = facts_of(agreement)
        with acting_as(Actor.system(), getattr(domain_event, "correlation_id", "")):
            followed = self.followed(agreement.id)
            if followed is None:
                followed = FollowedAgreement(agreement_id=agreement.id, facts=facts)
            else:
                followed.learn(facts)
        processing_event.collect_events(followed)

    def followed(self, agreement_id: UUID) -> FollowedAgreement | None:
        return self.load_or_none(FollowedAgreement.create_id(agreement_id), FollowedAgreement,
                                 f"agreement {agreement_id}")


class _Conflict(Exception):
    def __init__(self, position: int, processed: int) -> None:
        super().__init__(f"conflict at agreements notification {position}")
        self.position = position
        self.processed = processed

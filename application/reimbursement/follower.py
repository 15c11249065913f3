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

from application.agreements.following import AgreementsFollower
from domain.agreements.agreement import DualTrainingAgreement
from domain.reimbursement.guards import FollowedAgreement
from domain.reimbursement.records import AgreementFacts
from domain.shared.audit import Actor, acting_as

if TYPE_CHECKING:
    pass



def facts_of(agreement: DualTrainingAgreement) -> AgreementFacts:
    """What a claim depends on, as of one version of an agreement."""
    return AgreementFacts(
        agreement_id=agreement.id, number=agreement.number,
        college_bin=agreement.college_bin, enterprise_bin=agreement.enterprise_bin,
        region=agreement.region, specialty_code=agreement.specialty_code,
        term=agreement.term, status=agreement.status.value,
        practice=tuple(p.period for p in agreement.practice_periods),
        suspensions=tuple(agreement.suspended_periods()))


class AgreementFollower(AgreementsFollower):
    """Keeps a FollowedAgreement per agreement in step with the agreement's events."""

    conflicts_message = "reimbursement kept conflicting while catching up with the agreements"

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

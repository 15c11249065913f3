"""The following half of ``WorkExperience``: catching up with the agreements.

Why the credit follows the agreements' notification log, and does not share their
transactions: see the docstring of ``application.work_experience.service``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import DomainEventProtocol

from application.agreements.following import AgreementsFollower
from domain.agreements.agreement import DualTrainingAgreement
from domain.shared.audit import Actor, acting_as
from domain.shared.identifiers import IIN
from domain.work_experience.agreement_practice import AgreementPractice
from domain.work_experience.credit import WorkExperienceCredit
from domain.work_experience.seniority import ZERO, credit

if TYPE_CHECKING:
    from application.agreements.service import Agreements



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


class CreditFollower(AgreementsFollower):
    """Keeps each trainee's WorkExperienceCredit in step with the agreements."""

    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {WorkExperienceCredit: 50}
    conflicts_message = "work-experience credits kept changing while catching up with the agreements"

    def __init__(self, env: dict[str, str] | None = None, *, agreements: Agreements,
                 min_months: int = 6, max_months: int = 18) -> None:
        credit(ZERO, min_months, max_months)  # refuses impossible limits at start-up
        super().__init__(env, agreements=agreements)
        self.min_months = min_months
        self.max_months = max_months

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

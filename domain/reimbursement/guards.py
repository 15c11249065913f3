"""Guards for the rules that span claims, and the agreements as reimbursement knows them.

``ClaimedMonth`` has a natural id per (agreement, month): every claim for that month
appends to the same event sequence and is saved with it, so of two claims submitted at
once only the first is recorded (the other collides on the guard's version).
``FollowedAgreement`` holds the facts learnt by following an agreement's events.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.reimbursement.errors import DuplicateClaimError
from domain.reimbursement.records import AgreementFacts
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import Month
from domain.shared.ids import natural_id


class ClaimedMonth(AuditedAggregate):
    """The claim that holds one agreement-month (none after a rejection)."""

    TOPIC_PREFIX = "dualtrack:reimbursement.ClaimedMonth"

    @staticmethod
    def create_id(agreement_id: UUID, month: Month) -> UUID:
        return natural_id("reimbursement-claimed-month", str(agreement_id), str(month))

    @event("Opened")
    def __init__(self, agreement_id: UUID, month: Month) -> None:
        self.agreement_id = agreement_id
        self.month = month
        self.claim_id: UUID | None = None

    def take(self, claim_id: UUID) -> None:
        if self.claim_id is not None and self.claim_id != claim_id:
            raise DuplicateClaimError(
                f"agreement {self.agreement_id} already has claim {self.claim_id} for "
                f"{self.month}; a new one may be made only if that one is rejected")
        if self.claim_id is None:
            self._take(claim_id=claim_id)

    @event("Taken")
    def _take(self, claim_id: UUID) -> None:
        self.claim_id = claim_id

    def release(self, claim_id: UUID) -> None:
        if self.claim_id == claim_id:
            self._release(claim_id=claim_id)

    @event("Released")
    def _release(self, claim_id: UUID) -> None:
        self.claim_id = None


class FollowedAgreement(AuditedAggregate):
    """An agreement's facts as of the last agreement event followed (natural id)."""

    TOPIC_PREFIX = "dualtrack:reimbursement.FollowedAgreement"

    @staticmethod
    def create_id(agreement_id: UUID) -> UUID:
        return natural_id("reimbursement-followed-agreement", str(agreement_id))

    @event("Followed")
    def __init__(self, agreement_id: UUID, facts: AgreementFacts) -> None:
        self.agreement_id = agreement_id
        self.facts = facts

    def learn(self, facts: AgreementFacts) -> None:
        """Record the facts only when they changed (most agreement events change none)."""
        if facts != self.facts:
            self._learn(facts=facts)

    @event("FactsChanged")
    def _learn(self, facts: AgreementFacts) -> None:
        self.facts = facts

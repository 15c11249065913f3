"""Guard aggregates for the rules that span agreements.

Each guard has a natural id, so every writer touching the same rule touches the same
guard, and is saved in the same ``record(...)`` call as the agreement it guards. The
event store accepts one event per (guard id, version): of two concurrent writers that
loaded the guard at the same version, the second one's insert collides and its whole
save (agreement included) is rolled back as ``ConcurrentWriteError``. A retry then sees
the winner's change and meets the rule as a ``RuleViolationError``.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.agreements.errors import (
    MentorLoadError,
    TraineeOverlapError,
)
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, IIN
from domain.shared.ids import natural_id


class AgreementNumber(AuditedAggregate):
    """An agreement number, taken once per college (created with the agreement)."""

    TOPIC_PREFIX = "dualtrack:agreements.AgreementNumber"

    @staticmethod
    def create_id(college_bin: BIN | str, number: str) -> UUID:
        return natural_id("agreement-number", str(college_bin), number)

    @event("Taken")
    def __init__(self, college_bin: BIN, number: str, agreement_id: UUID) -> None:
        self.college_bin = college_bin
        self.number = number
        self.agreement_id = agreement_id


class TraineeCalendar(AuditedAggregate):
    """The terms of a trainee's active and suspended agreements (DOMAIN.md rule 3)."""

    TOPIC_PREFIX = "dualtrack:agreements.TraineeCalendar"

    @staticmethod
    def create_id(trainee_iin: IIN | str) -> UUID:
        return natural_id("trainee-calendar", str(trainee_iin))

    @event("Opened")
    def __init__(self, trainee_iin: IIN) -> None:
        self.trainee_iin = trainee_iin
        # agreement id (hex) -> {"number": ..., "term": DatePeriod}
        self.bookings: dict[str, dict[str, object]] = {}

    def conflict(self, agreement_id: UUID | None, number: str, term: DatePeriod
                 ) -> TraineeOverlapError | None:
        """The error booking ``term`` would meet (another agreement's term overlaps)."""
        for other_id, booking in self.bookings.items():
            other_term = booking["term"]
            if (agreement_id is None or other_id != agreement_id.hex) \
                    and isinstance(other_term, DatePeriod) and other_term.overlaps(term):
                return TraineeOverlapError(
                    f"trainee {self.trainee_iin} already has agreement {booking['number']} "
                    f"({other_term}) in force, overlapping {number} ({term})")
        return None

    def book(self, agreement_id: UUID, number: str, term: DatePeriod) -> None:
        """Hold ``term`` for the agreement; refused if another agreement's term overlaps."""
        if (error := self.conflict(agreement_id, number, term)) is not None:
            raise error
        if self.bookings.get(agreement_id.hex) != {"number": number, "term": term}:
            self._book(agreement_id=agreement_id, number=number, term=term)

    @event("Booked")
    def _book(self, agreement_id: UUID, number: str, term: DatePeriod) -> None:
        self.bookings = {**self.bookings, agreement_id.hex: {"number": number, "term": term}}

    def release(self, agreement_id: UUID) -> None:
        if agreement_id.hex in self.bookings:
            self._release(agreement_id=agreement_id)

    @event("Released")
    def _release(self, agreement_id: UUID) -> None:
        self.bookings = {k: v for k, v in self.bookings.items() if k != agreement_id.hex}


class MentorLoad(AuditedAggregate):
    """The agreements a mentor (by IIN, at any enterprise) currently mentors (rule 4)."""

    TOPIC_PREFIX = "dualtrack:agreements.MentorLoad"

    @staticmethod
    def create_id(mentor_iin: IIN | str) -> UUID:
        return natural_id("mentor-load", str(mentor_iin))

    @event("Opened")
    def __init__(self, mentor_iin: IIN) -> None:
        self.mentor_iin = mentor_iin
        self.agreements: dict[str, str] = {}  # agreement id (hex) -> agreement number

    def hold(self, agreement_id: UUID, number: str, limit: int) -> None:
        """Count the agreement in, unless the mentor already carries ``limit`` trainees."""
        if agreement_id.hex in self.agreements:
            return
        if len(self.agreements) >= limit:
            numbers = ", ".join(sorted(self.agreements.values()))
            raise MentorLoadError(
                f"mentor {self.mentor_iin} already mentors {len(self.agreements)} trainees "
                f"(agreements {numbers}); the limit is {limit}")
        self._hold(agreement_id=agreement_id, number=number)

    def restore(self, agreement_id: UUID, number: str) -> None:
        """Count the agreement in again after a revoked termination: the limit was met
        when the mentor was assigned, so it is not checked a second time."""
        if agreement_id.hex not in self.agreements:
            self._hold(agreement_id=agreement_id, number=number)

    @event("Held")
    def _hold(self, agreement_id: UUID, number: str) -> None:
        self.agreements = {**self.agreements, agreement_id.hex: number}

    def release(self, agreement_id: UUID) -> None:
        if agreement_id.hex in self.agreements:
            self._release(agreement_id=agreement_id)

    @event("Released")
    def _release(self, agreement_id: UUID) -> None:
        self.agreements = {k: v for k, v in self.agreements.items() if k != agreement_id.hex}

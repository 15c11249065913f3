"""Guards for the rules that span memoranda (see ``domain.agreements.guards``).

Each guard has a natural id and is saved in the same ``record(...)`` as the memorandum:
of two writers that loaded a guard at the same version, the store lets only the first
in, and the second's whole save is rolled back as ``ConcurrentWriteError``.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.patronage.errors import MemorandumInForceError
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN
from domain.shared.ids import natural_id


class MemorandumNumber(AuditedAggregate):
    """A memorandum number, taken once per enterprise (created with the draft)."""

    TOPIC_PREFIX = "dualtrack:patronage.MemorandumNumber"

    @staticmethod
    def create_id(enterprise_bin: BIN | str, number: str) -> UUID:
        return natural_id("patronage-number", str(enterprise_bin), number)

    @event("Taken")
    def __init__(self, enterprise_bin: BIN, number: str, memorandum_id: UUID) -> None:
        self.enterprise_bin = enterprise_bin
        self.number = number
        self.memorandum_id = memorandum_id


class PatronagePair(AuditedAggregate):
    """The days an enterprise's memoranda with one college are in force (rule 1)."""

    TOPIC_PREFIX = "dualtrack:patronage.PatronagePair"

    @staticmethod
    def create_id(enterprise_bin: BIN | str, college_bin: BIN | str) -> UUID:
        return natural_id("patronage-pair", str(enterprise_bin), str(college_bin))

    @event("Opened")
    def __init__(self, enterprise_bin: BIN, college_bin: BIN) -> None:
        self.enterprise_bin = enterprise_bin
        self.college_bin = college_bin
        # memorandum id (hex) -> {"number": ..., "span": DatePeriod}
        self.in_force: dict[str, dict[str, object]] = {}

    def hold(self, memorandum_id: UUID, number: str, span: DatePeriod) -> None:
        """Hold ``span`` for the memorandum; refused if another one is in force then."""
        for other_id, held in self.in_force.items():
            other = held["span"]
            if other_id != memorandum_id.hex and isinstance(other, DatePeriod) \
                    and other.overlaps(span):
                raise MemorandumInForceError(
                    f"enterprise {self.enterprise_bin} and college {self.college_bin} already "
                    f"have memorandum {held['number']} in force ({other}), overlapping "
                    f"{number} ({span})")
        self._hold(memorandum_id=memorandum_id, number=number, span=span)

    @event("Held")
    def _hold(self, memorandum_id: UUID, number: str, span: DatePeriod) -> None:
        self.in_force = {**self.in_force, memorandum_id.hex: {"number": number, "span": span}}

    def cut(self, memorandum_id: UUID, last_day: date) -> None:
        """A terminated memorandum is in force up to ``last_day`` only."""
        held = self.in_force.get(memorandum_id.hex)
        if held is not None:
            self._cut(memorandum_id=memorandum_id, last_day=last_day)

    @event("Cut")
    def _cut(self, memorandum_id: UUID, last_day: date) -> None:
        held = self.in_force[memorandum_id.hex]
        span = held["span"]
        if not isinstance(span, DatePeriod):  # the stored shape; never otherwise
            return
        shortened = DatePeriod(span.start, max(span.start, min(span.end, last_day)))
        self.in_force = {**self.in_force,
                         memorandum_id.hex: {"number": held["number"], "span": shortened}}

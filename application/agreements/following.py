"""Following the agreements' notification log: the base of the work-experience credit and of
reimbursement, which learn what they need from the agreements' events (never by reading an
agreement when a command comes in).

Each processed event is saved with its tracking record in one transaction (exactly once).
Several processes may catch up at once: if another one processed a position first, saving
ours fails on the tracking record and nothing of ours is kept; we re-read the tracked
position and go on from there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from eventsourcing.system import Follower, NotificationLogReader

from application.base import DualtrackApplication
from application.errors import ConcurrentWriteError

if TYPE_CHECKING:
    from application.agreements.service import Agreements

# Consecutive write conflicts on one position before catch_up gives up: each one means
# another writer changed the same record at that moment, so a retry normally succeeds.
MAX_CONFLICTS = 5


class AgreementsFollower(DualtrackApplication, Follower[UUID]):
    # What a caller is told when conflicts go on (say which records kept changing).
    conflicts_message: ClassVar[str] = "kept conflicting while catching up with the agreements"

    def __init__(self, env: dict[str, str] | None = None, *, agreements: Agreements) -> None:
        super().__init__(env)
        self.agreements = agreements
        # Follow the agreements through their own notification log and mapper, so their
        # events decode with their own transcodings (and cipher).
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
                # A command changed the same record at that moment: retry, a few times.
                conflicts = 1 if conflict.processed else conflicts + 1
                if conflicts > MAX_CONFLICTS:
                    raise ConcurrentWriteError(
                        f"{self.conflicts_message}; try again") from conflict.__cause__

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


class _Conflict(Exception):
    def __init__(self, position: int, processed: int) -> None:
        super().__init__(f"conflict at agreements notification {position}")
        self.position = position
        self.processed = processed

"""Applies the source applications' notifications to the views, a batch per transaction.

eventsourcing's ``ProjectionRunner`` commits once per event; a rebuild of a year's
history that way would be bound by commit latency. Here one transaction holds a whole
batch: (a) lock the source's tracked position, (b) read the notifications after it,
(c) decode only those some view needs, with the source's own mapper (its
transcodings and cipher), (d) apply them and move the position, (e) commit.

Exactly once: the position is read under a lock held to the commit, and the rows
and the position commit together. A runner killed mid-batch leaves nothing of that
batch behind; a second runner waits for the lock and then starts after the first
one's commit. So any number of runners, restarts and crashes give the same views.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, Mapper, Notification

from application.projections.views import MonitoringViews

# (source name, notifications of the batch): called after the rows are applied and
# before the commit, for progress reports and for the crash test.
BatchHook = Callable[[str, Sequence[Notification]], None]
# (positions done, positions to do)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Source:
    """A source application: its name, notification log and mapper."""

    name: str
    recorder: ApplicationRecorder
    mapper: Mapper[Any]

    @classmethod
    def of(cls, application: Any) -> Source:
        return cls(application.name, application.recorder, application.mapper)

    def head(self) -> int:
        return self.recorder.max_notification_id() or 0


class BatchRunner:
    def __init__(self, views: MonitoringViews, sources: Sequence[Source], *,
                 batch_size: int = 1000, before_commit: BatchHook | None = None) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.views = views
        self.sources = tuple(sources)
        self.batch_size = batch_size
        self.before_commit = before_commit

    def advance(self, source: Source, stop: int | None = None) -> int:
        """Apply the next batch of ``source`` (up to ``stop``); how many notifications it had."""
        with self.views.view.transaction() as transaction:
            position = transaction.position(source.name)
            if stop is not None and position >= stop:
                return 0
            notifications = source.recorder.select_notifications(
                start=position, limit=self.batch_size, stop=stop, inclusive_of_start=False)
            if not notifications:
                return 0
            wants = self.views.wants
            events = [(n.topic, source.mapper.to_domain_event(n))
                      for n in notifications if wants(n.topic)]
            self.views.apply_batch(transaction, events)
            if self.before_commit is not None:
                self.before_commit(source.name, notifications)
            transaction.set_position(source.name, notifications[-1].id)
            return len(notifications)

    def catch_up(self, *, stops: Mapping[str, int] | None = None,
                 deadline: float | None = None, progress: Progress | None = None
                 ) -> dict[str, int]:
        """Apply everything up to ``stops`` (default: each source's head now).

        Stopping at the heads seen on entry means a steady stream of new writes can
        not keep this call from returning; ``deadline`` (``time.monotonic()``) bounds
        it in time. Returns the positions reached.
        """
        if stops is None:
            stops = {source.name: source.head() for source in self.sources}
        total = sum(stops.values())
        applied = self.views.view.positions()
        for source in self.sources:
            # Read without a lock first: an idle poll takes no write lock at all.
            if applied.get(source.name, 0) >= stops.get(source.name, 0):
                continue
            while self.advance(source, stop=stops[source.name]):
                if progress is not None:
                    progress(self._done(stops), total)
                if deadline is not None and time.monotonic() > deadline:
                    return self.views.view.positions()
        positions = self.views.view.positions()
        if progress is not None:
            progress(self._done(stops), total)
        return positions

    def _done(self, stops: Mapping[str, int]) -> int:
        positions = self.views.view.positions()
        return sum(min(positions.get(name, 0), stop) for name, stop in stops.items())

"""``Projections``: the one object the command line, the web layer and tests use.

It keeps the views current (``catch_up``, ``run_forever``, ``start_background``),
rebuilds them from the first event into scratch tables and swaps them in
(``rebuild``), compares a scratch rebuild with the live views (``verify``), reports
positions and lag (``status``), lets a client read its own writes (``wait_for``), and
answers the list and monitoring queries. Which store, which sources and how to wait
for new events are given by the composition root (``infrastructure.views``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from application.projections import (
    deadlines,
    listing,
    monitoring,
    patronage,
    reimbursement,
    targeted_figures,
)
from application.projections.ports import ViewStore
from application.projections.positions import SourceStatus, reached, views_of
from application.projections.runner import BatchHook, BatchRunner, Progress, Source
from application.projections.schema import FINGERPRINT
from application.projections.verify import Difference, compare
from application.projections.views import MonitoringViews
from application.projections.waiting import PollingWaiter, Waiter
from application.security import Principal
from domain.shared.calendar import business_today

log = logging.getLogger(__name__)


class ViewsOutdatedError(RuntimeError):
    """The view tables have another shape than this code writes."""


class Projections:
    def __init__(self, store: ViewStore, sources: Sequence[Source], *,
                 waiter: Callable[[], Waiter] = PollingWaiter, batch_size: int = 1000,
                 rebuild_batch_size: int = 5000, assist_reads: bool = True,
                 before_commit: BatchHook | None = None,
                 clock: Callable[[], date] = business_today,
                 thresholds: deadlines.Thresholds | None = None,
                 create_tables: bool = True) -> None:
        if create_tables:  # off where `dualtrack migrate` made them (PostgreSQL's serve)
            store.create_tables()
        self.store = store
        self.sources = tuple(sources)
        self.views = MonitoringViews(store)
        self.runner = BatchRunner(self.views, self.sources, batch_size=batch_size,
                                  before_commit=before_commit)
        self.rebuild_batch_size = rebuild_batch_size
        # Whether a reader that finds the views behind applies the missing batches
        # itself (no worker process, as with SQLite) or only waits for the worker.
        self.assist_reads = assist_reads
        self.clock = clock
        self.thresholds = thresholds or deadlines.Thresholds()
        self._waiter = waiter

    # Keeping current ------------------------------------------------------------------

    @property
    def outdated(self) -> bool:
        """True when the live tables were made by code of another shape: rebuild them."""
        return self.store.fingerprint() != FINGERPRINT

    def catch_up(self, timeout: float | None = None) -> dict[str, int]:
        if self.outdated:
            raise ViewsOutdatedError("the views were made by another version of dualtrack: "
                                     "run 'dualtrack projections rebuild'")
        deadline = None if timeout is None else time.monotonic() + timeout
        return self.runner.catch_up(deadline=deadline)

    def run_forever(self, stop: threading.Event) -> None:
        """Apply new events as they come, until ``stop`` is set (the worker's loop)."""
        waiter, failures = self._waiter(), 0
        try:
            while not stop.is_set():
                try:
                    self.catch_up()
                    failures = 0
                except Exception:  # the store or a source is away: retry, slower each time
                    failures += 1
                    log.exception("projection batch failed (%d in a row)", failures)
                    stop.wait(min(0.5 * 2 ** failures, 30.0))
                    continue
                waiter.wait(stop)
        finally:
            waiter.close()

    def start_background(self) -> Callable[[], None]:
        """Run ``run_forever`` in a daemon thread; returns the function that stops it."""
        stop = threading.Event()
        thread = threading.Thread(target=self.run_forever, args=(stop,), daemon=True,
                                  name="dualtrack-views")
        thread.start()

        def stop_and_join() -> None:
            stop.set()
            thread.join(timeout=10)
        return stop_and_join

    def wait_for(self, positions: Mapping[str, int], timeout: float = 2.0) -> bool:
        """Block (at most ``timeout`` s) until the views include ``positions``; True if so."""
        deadline = time.monotonic() + timeout
        pause = 0.005
        while True:
            if reached(self.store.positions(), positions):
                return True
            if time.monotonic() >= deadline:
                return False
            if self.assist_reads:
                self.catch_up(timeout=max(deadline - time.monotonic(), 0))
            time.sleep(min(pause, max(deadline - time.monotonic(), 0)))
            pause = min(pause * 2, 0.1)

    # Rebuilding and verifying ----------------------------------------------------------

    def _scratch(self, name: str, batch_size: int) -> tuple[ViewStore, BatchRunner]:
        scratch = self.store.scratch(name)
        scratch.drop_tables()  # what a killed rebuild or verify left behind
        scratch.create_tables(with_indexes=False)
        views = MonitoringViews(scratch, self.views.pseudonyms)
        return scratch, BatchRunner(views, self.sources, batch_size=batch_size)

    def rebuild(self, progress: Progress | None = None) -> dict[str, int]:
        """Rebuild every view from the first event, then swap it in for the live one.

        The live views keep serving (and a worker keeps updating them) meanwhile; after
        the swap, runners continue from the rebuilt views' positions.
        """
        scratch, runner = self._scratch("rebuild", self.rebuild_batch_size)
        try:
            runner.catch_up(progress=progress)
            self.store.replace_with(scratch)
        finally:
            scratch.close()
        return self.store.positions()

    def verify(self, *, attempts: int = 5, limit: int = 100) -> list[Difference]:
        """Differences between the live views and a rebuild to the same positions."""
        if self.outdated:
            return [Difference("schema", "", "fingerprint", self.store.fingerprint(),
                               FINGERPRINT)]
        scratch, runner = self._scratch("verify", self.rebuild_batch_size)
        try:
            for attempt in range(attempts):
                runner.catch_up(stops=self.store.positions())
                with self.store.reader() as live, scratch.reader() as rebuilt:
                    # The live views may have moved on since: catch up to them again,
                    # unless this is the last attempt (a tracking difference then shows).
                    if live.positions() == rebuilt.positions() or attempt == attempts - 1:
                        return compare(live, rebuilt, limit=limit)
            raise ValueError("attempts must be at least 1")
        finally:
            scratch.drop_tables()
            scratch.close()

    # Reading ------------------------------------------------------------------------

    def status(self) -> list[SourceStatus]:
        positions = self.store.positions()
        return [SourceStatus(source.name, positions.get(source.name, 0), source.head(),
                             views_of(source.name)) for source in self.sources]

    def list_agreements(self, filters: Mapping[str, Any], page: object = 1,
                        per_page: object = 20, sort: str | None = None) -> listing.Page:
        return listing.list_agreements(self.store, filters, page, per_page, sort)

    def monitoring_dual_training(self, group_by: str, *, year: object = None,
                                 region: object = None, today: date | None = None
                                 ) -> list[monitoring.DualTrainingFigures]:
        return monitoring.dual_training(self.store, group_by, year=year, region=region,
                                        today=today or self.clock())

    def monitoring_certificates(self, *, region: object = None, today: date | None = None
                                ) -> list[monitoring.CertificateFigures]:
        return monitoring.certificates(self.store, region=region, today=today or self.clock())

    def monitoring_reimbursement(self, group_by: str, *, year: object = None,
                                 region: object = None
                                 ) -> list[reimbursement.ReimbursementFigures]:
        return reimbursement.figures(self.store, group_by, year=year, region=region)

    def list_claims(self, filters: Mapping[str, Any], page: object = 1,
                    per_page: object = 20) -> listing.Page:
        return reimbursement.list_claims(self.store, filters, page, per_page)
    def list_patronage(self, principal: Any, **query: Any) -> patronage.MemorandumPage:
        return patronage.memoranda_for(self.store, principal, today=self.clock(), **query)

    def monitoring_patronage(self, principal: Any, group_by: str, *, year: object = None,
                             region: str | None = None) -> list[patronage.PatronageFigures]:
        return patronage.patronage_figures(
            self.store, group_by, year=year,
            region=patronage.monitoring_region(principal, region))

    def monitoring_targeted_training(self, group_by: str, *, year: object = None,
                                     region: object = None, today: date | None = None
                                     ) -> list[targeted_figures.TargetedTrainingFigures]:
        return targeted_figures.targeted_training(self.store, group_by, year=year,
                                                  region=region, today=today or self.clock())

    def worklist(self, principal: Principal, *, today: date | None = None
                 ) -> list[deadlines.Item]:
        """What ``principal`` must do as of ``today`` (business today unless given)."""
        return deadlines.worklist(self.store, self.views.pseudonyms, principal,
                                  today or self.clock(), self.thresholds)

    def monitoring_deadlines(self, group_by: str, *, region: str | None = None,
                             today: date | None = None) -> list[deadlines.DeadlineFigures]:
        return deadlines.overdue_counts(self.store, group_by, region=region,
                                        today=today or self.clock(), limits=self.thresholds)

    def close(self) -> None:
        self.store.close()

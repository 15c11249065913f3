"""The applications and the projections behind the web layer, built lazily once per process.

Never at import and never before a server forks its workers: Application objects and
view stores hold database connections, which must not be shared across a fork.

Keeping the views current: a runtime that builds its own system (what ``dualtrack
serve`` does) keeps them current itself: on SQLite a catch-up loop in a background
thread; on PostgreSQL an elected projector thread in every worker, of which the one
holding the advisory lock applies batches (``infrastructure.views.leader``; a separate
``dualtrack projections run`` competes for the same lock). ``DUALTRACK_SERVE_PROJECTOR=no``
leaves PostgreSQL's views to ``projections run`` alone. A system passed in belongs to
the caller, and so does keeping its views current (``keep_views_current=True`` to ask).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import current_app

from infrastructure.idempotency.store import Idempotency
from infrastructure.settings import Settings

if TYPE_CHECKING:
    from application.projections import Projections
    from infrastructure.bootstrap import Dualtrack

SystemFactory = Callable[[Settings], Any]
ProjectionsFactory = Callable[[Settings, Any], "Projections"]


def bootstrap_system(settings: Settings) -> Dualtrack:
    # Imported here, not at module level: the composition root imports every application.
    from infrastructure.bootstrap import bootstrap

    return bootstrap(settings)


def open_views(settings: Settings, system: Any) -> Projections:
    return system.open_projections()  # type: ignore[no-any-return]


class Runtime:
    def __init__(self, system: Any = None, *, settings: Settings | None = None,
                 system_factory: SystemFactory | None = None,
                 projections_factory: ProjectionsFactory | None = None,
                 keep_views_current: bool | None = None) -> None:
        self.settings = settings or getattr(system, "settings", None)
        self._factory = system_factory or bootstrap_system
        self._projections_factory = projections_factory or open_views
        self._keep_views_current = keep_views_current
        self._given = system
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._system: Any = system
        self._projections: Projections | None = None
        self._stop_views: Callable[[], None] | None = None

    @property
    def system(self) -> Dualtrack:
        self._forget_if_forked()
        if self._system is None:
            with self._lock:
                if self._system is None:
                    self._system = self._factory(self._require_settings())
        return self._system

    @property
    def projections(self) -> Projections:
        """The monitoring views and the agreements list, opened on first use."""
        system = self.system  # first: it takes the same lock
        if self._projections is None:
            with self._lock:
                if self._projections is None:
                    settings = self._require_settings()
                    opened = self._projections_factory(settings, system)
                    if self.keeps_views_current:
                        self._stop_views = _keep_current(settings, opened)
                    self._projections = opened
        return self._projections

    @property
    def keeps_views_current(self) -> bool:
        if self._keep_views_current is not None:
            return self._keep_views_current
        settings = self._require_settings()
        return self._given is None and (settings.backend == "sqlite"
                                        or settings.serve_projector)

    def start_keeping_views_current(self, retry: float = 2.0) -> None:
        """Open the views now, in a thread (retrying while the store is away), so that a
        worker starts its projector at boot rather than at its first request."""
        if not self.keeps_views_current:
            return

        def open_views_soon() -> None:
            while True:
                try:
                    self.projections  # noqa: B018 - opening them starts the projector
                    return
                except Exception:  # noqa: BLE001 - the store is away: try again shortly
                    logging.getLogger("dualtrack.projections").warning(
                        "views not opened yet; retrying", exc_info=True)
                    time.sleep(retry)

        threading.Thread(target=open_views_soon, daemon=True, name="dualtrack-open-views"
                         ).start()

    @property
    def idempotency(self) -> Idempotency:
        return self.system.idempotency

    def applications(self) -> list[Any]:
        return list(self.system.applications)

    def close(self) -> None:
        """Close what this runtime built (a system passed in belongs to the caller)."""
        if self._stop_views is not None:
            self._stop_views()
            self._stop_views = None
        if self._projections is not None:
            self._projections.close()
            self._projections = None
        if self._system is not None and self._system is not self._given:
            self._system.close()
            self._system = None

    def _require_settings(self) -> Settings:
        if self.settings is None:
            self.settings = Settings.from_env()
        return self.settings

    def _forget_if_forked(self) -> None:
        # A child process must not use its parent's connections (nor count on its
        # threads, which a fork does not copy): build afresh.
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            self._system = self._given if self._given is not None else None
            self._projections, self._stop_views = None, None
            self._lock = threading.Lock()


def _keep_current(settings: Settings, projections: Projections) -> Callable[[], None]:
    """SQLite: this process polls. PostgreSQL: an elected projector thread, one of which
    leads across every process (``infrastructure.views.leader``)."""
    if settings.backend == "sqlite":
        return projections.start_background()
    from infrastructure.views import elected_projector

    return elected_projector(settings, projections).start().stop


def runtime() -> Runtime:
    return current_app.extensions["dualtrack"]


def system() -> Dualtrack:
    """The applications for this request: ``system().participants`` and so on."""
    return runtime().system


def projections() -> Projections:
    """The views for this request (list and monitoring reads)."""
    return runtime().projections

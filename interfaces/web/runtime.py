"""The applications and the projections behind the web layer, built lazily once per process.

Never at import and never before a server forks its workers: Application objects and
view stores hold database connections, which must not be shared across a fork.

Keeping the views current: on SQLite, a runtime that builds its own system (what
``dualtrack serve`` does) also runs the projections' catch-up loop in a background
thread of the serving process, so no other process is needed. On PostgreSQL the
separate ``dualtrack projections run`` worker does it and the web processes only read
(and, for read-your-writes, wait for the worker). A system passed in belongs to the
caller, and so does keeping its views current (``keep_views_current=True`` to ask).
"""

from __future__ import annotations

import os
import threading
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
                    opened = self._projections_factory(self._require_settings(), system)
                    if self.keeps_views_current:
                        self._stop_views = opened.start_background()
                    self._projections = opened
        return self._projections

    @property
    def keeps_views_current(self) -> bool:
        if self._keep_views_current is not None:
            return self._keep_views_current
        return self._given is None and self._require_settings().backend == "sqlite"

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


def runtime() -> Runtime:
    return current_app.extensions["dualtrack"]


def system() -> Dualtrack:
    """The applications for this request: ``system().participants`` and so on."""
    return runtime().system


def projections() -> Projections:
    """The views for this request (list and monitoring reads)."""
    return runtime().projections

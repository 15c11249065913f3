"""The applications behind the web layer, built lazily once per process.

Never at import and never before a server forks its workers: Application
objects hold database connections, which must not be shared across a fork.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import current_app

from application.idempotency import Idempotency
from infrastructure.settings import Settings

if TYPE_CHECKING:
    from infrastructure.bootstrap import Dualtrack

SystemFactory = Callable[[Settings], Any]


def bootstrap_system(settings: Settings) -> Dualtrack:
    # Imported here, not at module level: the composition root imports every application.
    from infrastructure.bootstrap import bootstrap

    return bootstrap(settings)


class Runtime:
    def __init__(self, system: Any = None, *, settings: Settings | None = None,
                 system_factory: SystemFactory | None = None) -> None:
        self.settings = settings or getattr(system, "settings", None)
        self._factory = system_factory or bootstrap_system
        self._given = system
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._system: Any = system

    @property
    def system(self) -> Dualtrack:
        self._forget_if_forked()
        if self._system is None:
            with self._lock:
                if self._system is None:
                    self._system = self._factory(self._require_settings())
        return self._system

    @property
    def idempotency(self) -> Idempotency:
        return self.system.idempotency

    def applications(self) -> list[Any]:
        return list(self.system.applications)

    def close(self) -> None:
        """Close what this runtime built (a system passed in belongs to the caller)."""
        if self._system is not None and self._system is not self._given:
            self._system.close()
            self._system = None

    def _require_settings(self) -> Settings:
        if self.settings is None:
            self.settings = Settings.from_env()
        return self.settings

    def _forget_if_forked(self) -> None:
        # A child process must not use its parent's connections: build afresh.
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            self._system = self._given if self._given is not None else None
            self._lock = threading.Lock()


def runtime() -> Runtime:
    return current_app.extensions["dualtrack"]


def system() -> Dualtrack:
    """The applications for this request: ``system().participants`` and so on."""
    return runtime().system

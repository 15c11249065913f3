"""How a long-running runner learns that there is something new to apply.

On PostgreSQL one connection LISTENs to every source's channel
(``infrastructure.views.listening.ListenWaiter``): a NOTIFY is only a wake-up, and the
runner then reads whole batches itself, so nothing is applied per event. SQLite has no
subscriptions, so its runner polls the logs at a short interval. Both also wake at a
fallback interval, so a lost notification delays the views by at most that long.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

log = logging.getLogger(__name__)


class Waiter(Protocol):
    def wait(self, stop: threading.Event) -> None:
        """Return when there may be new notifications, or when ``stop`` is set."""

    def close(self) -> None: ...


class PollingWaiter:
    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval

    def wait(self, stop: threading.Event) -> None:
        stop.wait(self.interval)

    def close(self) -> None:
        pass

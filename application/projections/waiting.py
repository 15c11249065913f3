"""How a long-running runner learns that there is something new to apply.

On PostgreSQL each source's recorder has a subscription (LISTEN/NOTIFY): it is used
only as a wake-up, and the runner then reads whole batches itself, so nothing is
applied per event. SQLite has no subscriptions, so its runner polls the logs at a
short interval. Both also wake at ``fallback`` seconds, so a lost notification or a
broken subscription delays the views by at most that long.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Protocol

from application.projections.runner import Source

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


class SubscriptionWaiter:
    """Wakes when any source's subscription yields a notification."""

    def __init__(self, sources: Sequence[Source], fallback: float = 1.0) -> None:
        self.fallback = fallback
        self._news = threading.Event()
        self._closed = threading.Event()
        self._subscriptions: list[object] = []
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._follow, args=(source,), daemon=True,
                                          name=f"views-wakeup-{source.name}")
                         for source in sources]
        for thread in self._threads:
            thread.start()

    def _follow(self, source: Source) -> None:
        while not self._closed.is_set():
            try:
                # From the head: the runner reads what came before; this only wakes it.
                with source.recorder.subscribe(gt=source.head()) as subscription:
                    with self._lock:
                        self._subscriptions.append(subscription)
                    if self._closed.is_set():
                        return
                    for _ in subscription:
                        self._news.set()
            except Exception:  # a lost connection: the fallback timer covers the gap
                log.warning("subscription to %s failed; retrying", source.name, exc_info=True)
            self._closed.wait(self.fallback)

    def wait(self, stop: threading.Event) -> None:
        waited = 0.0
        while waited < self.fallback and not stop.is_set():
            if self._news.wait(0.05):
                break
            waited += 0.05
        self._news.clear()

    def close(self) -> None:
        self._closed.set()
        with self._lock:
            for subscription in self._subscriptions:
                subscription.stop()  # type: ignore[attr-defined]
        for thread in self._threads:
            thread.join(timeout=5)

"""The projector's wake-up on PostgreSQL: one connection LISTENing to every source.

eventsourcing's subscriptions hold a pooled connection each for as long as they run;
with one small pool per process that would leave the requests nothing. This waiter
keeps one connection of its own, outside the pool, LISTENs to each application's
NOTIFY channel on it, and reconnects after a loss. A notification only wakes the
runner, which then reads whole batches; the fallback interval covers any gap.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)


class ListenWaiter:
    def __init__(self, conninfo: str, channels: Sequence[str], fallback: float = 1.0) -> None:
        self.conninfo = conninfo
        self.channels = [channel for channel in channels if channel]
        self.fallback = fallback
        self._news = threading.Event()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._listen, daemon=True,
                                        name="views-wakeup")
        self._thread.start()

    def _listen(self) -> None:
        while not self._closed.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True,
                                     application_name="dualtrack-listen") as connection:
                    for channel in self.channels:
                        connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                    # Whatever came while (re)connecting is read by the runner's next batch.
                    self._news.set()
                    while not self._closed.is_set():
                        for _ in connection.notifies(timeout=0.2, stop_after=1):
                            self._news.set()
            except psycopg.Error:
                log.warning("LISTEN connection lost; reconnecting", exc_info=True)
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
        self._thread.join(timeout=5)

"""One projector at a time across every process and machine: a PostgreSQL advisory lock.

Every ``dualtrack serve`` worker starts an ``ElectedProjector`` thread, and ``dualtrack
projections run`` runs one in the foreground. Each holds one connection of its own
(outside the shared pool) and asks for the session-level advisory lock every
``retry`` seconds; the one that gets it applies the views' batches, woken by LISTEN on
the same connection (the fallback interval covers a lost NOTIFY). When the leader dies
(even ``kill -9``), PostgreSQL ends its session and frees the lock, and another process
takes over at its next try. Batches are exactly-once anyway (the tracking rows are
locked per batch), so two leaders would never double-apply; the lock keeps them from
contending.

The leader writes a heartbeat row (``dualtrack_projector``): who leads, the last
successful batch and the last error, which ``/readyz`` reads from any process.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any

import psycopg
from psycopg import sql

log = logging.getLogger("dualtrack.projections")

def projector_lock(schema: str) -> int:
    """The advisory lock's key: one per store (schema), so two stores in one database
    each have their own projector."""
    digest = hashlib.sha256(f"dualtrack-projector:{schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF


def status_table(schema: str) -> str:
    return f'"{schema}".dualtrack_projector'


def create_status_table(connection: Any, schema: str) -> None:
    """Made by ``dualtrack migrate``; here only if missing (a runtime role may not)."""
    found = connection.execute("SELECT to_regclass(%s)", (status_table(schema),)).fetchone()
    if found and found[0]:
        return
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {status_table(schema)} (id INTEGER PRIMARY KEY "
        "CHECK (id = 1), leader TEXT NOT NULL, leading_since TIMESTAMPTZ NOT NULL, "
        "heartbeat TIMESTAMPTZ NOT NULL, last_success TIMESTAMPTZ, last_error TEXT, "
        "failures INTEGER NOT NULL DEFAULT 0)")


class ElectedProjector:
    def __init__(self, conninfo: str, schema: str, channels: Sequence[str], projections: Any,
                 *, retry: float = 2.0, fallback: float = 1.0,
                 max_backoff: float = 30.0, stop: threading.Event | None = None) -> None:
        self.conninfo = conninfo
        self.schema = schema
        self.channels = [channel for channel in channels if channel]
        self.projections = projections
        self.retry = retry
        self.fallback = fallback
        self.max_backoff = max_backoff
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.lock = projector_lock(schema)
        self.leading = threading.Event()
        self._stop = stop or threading.Event()
        self._thread: threading.Thread | None = None

    # running -------------------------------------------------------------------------

    def start(self) -> ElectedProjector:
        self._thread = threading.Thread(target=self.run, daemon=True,
                                        name="dualtrack-projector")
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self) -> None:
        """Compete for the lock and, while holding it, keep the views current."""
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True,
                                     application_name="dualtrack-projector") as connection:
                    if self._elected(connection):
                        self._lead(connection)
            except psycopg.Error as error:
                log.warning("projector connection lost: %s", str(error).strip())
            finally:
                self.leading.clear()
            self._stop.wait(self.retry)

    def _elected(self, connection: Any) -> bool:
        while not self._stop.is_set():
            row = connection.execute("SELECT pg_try_advisory_lock(%s)",
                                     (self.lock,)).fetchone()
            if row and row[0]:
                return True
            self._stop.wait(self.retry)
        return False

    def _lead(self, connection: Any) -> None:
        self.leading.set()
        log.info("projector %s leads", self.name)
        create_status_table(connection, self.schema)
        connection.execute(
            f"INSERT INTO {status_table(self.schema)} (id, leader, leading_since, heartbeat) "
            "VALUES (1, %s, now(), now()) ON CONFLICT (id) DO UPDATE SET leader = "
            "excluded.leader, leading_since = now(), heartbeat = now()", (self.name,))
        for channel in self.channels:
            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        failures, reached = 0, None
        while not self._stop.is_set():
            try:
                positions = self.projections.catch_up()
            except Exception as error:  # the batch is retried, never skipped
                failures += 1
                message = f"{type(error).__name__}: {str(error).strip()}"[:2000]
                log.error("projection batch failed (%d in a row), retrying: %s", failures,
                          message)
                self._beat(connection, error=message, failures=failures)
                self._stop.wait(min(0.5 * 2 ** failures, self.max_backoff))
                continue
            failures = 0
            self._beat(connection, error=None, failures=0)
            if positions != reached:
                reached = positions
                continue  # more may have come while these were applied
            self._wait_for_news(connection)

    def _beat(self, connection: Any, *, error: str | None, failures: int) -> None:
        if error is None:
            connection.execute(f"UPDATE {status_table(self.schema)} SET heartbeat = now(), "
                               "last_success = now(), last_error = NULL, failures = 0 "
                               "WHERE id = 1")
        else:
            connection.execute(f"UPDATE {status_table(self.schema)} SET heartbeat = now(), "
                               "last_error = %s, failures = %s WHERE id = 1",
                               (error, failures))

    def _wait_for_news(self, connection: Any) -> None:
        deadline = time.monotonic() + self.fallback
        while not self._stop.is_set() and time.monotonic() < deadline:
            for _ in connection.notifies(timeout=0.2, stop_after=1):
                return


def projector_state(connection: Any, schema: str) -> dict[str, Any]:
    """Whether a projector holds the lock now, and its last heartbeat row (or None)."""
    held = connection.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
        "((classid::bigint << 32) | objid::bigint) = %s AND database = (SELECT oid FROM "
        "pg_database WHERE datname = current_database())", (projector_lock(schema),)).fetchone()
    found = connection.execute("SELECT to_regclass(%s)", (status_table(schema),)).fetchone()
    row = None
    if found and found[0]:
        row = connection.execute(
            f"SELECT leader, extract(epoch FROM now() - heartbeat), "
            f"extract(epoch FROM now() - last_success), last_error, failures "
            f"FROM {status_table(schema)} WHERE id = 1").fetchone()
    state: dict[str, Any] = {"leader_present": bool(held and held[0])}
    if row:
        state.update(leader=row[0], heartbeat_age=float(row[1]),
                     success_age=None if row[2] is None else float(row[2]),
                     last_error=row[3], failures=int(row[4]))
    return state


def read_projector_state(postgres: Mapping[str, str]) -> dict[str, Any]:
    """``projector_state`` on a short-lived connection of its own (for ``/readyz``)."""
    from infrastructure.views.postgres_store import conninfo

    with psycopg.connect(conninfo(postgres), autocommit=True, connect_timeout=2) as connection:
        return projector_state(connection, postgres.get("POSTGRES_SCHEMA") or "public")

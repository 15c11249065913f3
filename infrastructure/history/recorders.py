"""Application recorders that write each event's chain hash in the event's own transaction.

The library's events table is left as it is (its INSERTs name four columns); the hashes
go to a table beside it, ``<events table>`` with ``_hashes`` for ``_events``, keyed like it
by aggregate and version. A ``chain_origin`` row records when the chain began: at once
for a new store, or (for a store written before the chain) by the one-time step that
hashes every event already there, run when the hashes table is first created (by
``dualtrack migrate`` on PostgreSQL, on first use on SQLite). Events inserted later
without going through a recorder have no hash, which ``audit verify`` reports.

On SQLite, triggers refuse UPDATE and DELETE on the events and hashes tables. On
PostgreSQL the same is done by privileges (``infrastructure/migrations.py``
``grant_runtime_role``): the runtime role may only SELECT and INSERT.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresProcessRecorder
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteCursor,
    SQLiteFactory,
    SQLiteProcessRecorder,
)
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from application.event_chain import chain_hashes

__all__ = ["ChainedPostgresApplicationRecorder", "ChainedPostgresProcessRecorder",
           "ChainedSQLiteApplicationRecorder", "ChainedSQLiteFactory",
           "ChainedSQLiteProcessRecorder", "hashes_table_name"]

APPEND_ONLY = "stored events are append-only"


def hashes_table_name(events_table_name: str) -> str:
    stem = events_table_name.removesuffix("_events").removesuffix("_event")
    return f"{stem}_event_hashes"


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


class ChainedSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    def __init__(self, datastore: Any, events_table_name: str = "stored_events") -> None:
        self.hashes_table_name = hashes_table_name(events_table_name)
        self.origin_table_name = "event_chain_origin"
        super().__init__(datastore, events_table_name)

    def construct_create_table_statements(self) -> list[str]:
        statements = super().construct_create_table_statements()
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {self.hashes_table_name} (originator_id TEXT, "
            "originator_version INTEGER, hash BLOB NOT NULL, PRIMARY KEY "
            "(originator_id, originator_version)) WITHOUT ROWID")
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {self.origin_table_name} (certified_up_to INTEGER "
            "NOT NULL, chained INTEGER NOT NULL, chained_at TEXT NOT NULL DEFAULT "
            "CURRENT_TIMESTAMP)")
        for table in (self.events_table_name, self.hashes_table_name):
            for action in ("UPDATE", "DELETE"):
                statements.append(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_no_{action.lower()} BEFORE "
                    f"{action} ON {table} BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
        return statements

    def _create_table(self, c: SQLiteCursor) -> None:
        c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                  (self.hashes_table_name,))
        chaining = c.fetchone() is None
        super()._create_table(c)
        if chaining:
            self._chain_existing(c)

    def _chain_existing(self, c: SQLiteCursor) -> None:
        """The one-time step: hash every event already stored, in aggregate order."""
        c.execute(f"SELECT originator_id, originator_version, topic, state FROM "
                  f"{self.events_table_name} ORDER BY originator_id, originator_version")
        rows = [StoredEvent(originator_id=_uuid(r["originator_id"]),
                            originator_version=r["originator_version"], topic=r["topic"],
                            state=bytes(r["state"])) for r in c.fetchall()]
        self._insert_hashes(c, rows, {})
        c.execute(f"SELECT MAX(rowid) FROM {self.events_table_name}")
        head = c.fetchone()[0] or 0
        c.execute(f"INSERT INTO {self.origin_table_name} (certified_up_to, chained) "
                  "VALUES (?, ?)", (head, len(rows)))

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        returning = super()._insert_events(c, stored_events, **kwargs)
        self._insert_hashes(c, stored_events, self._previous(c, stored_events))
        return returning

    def _previous(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent]
                  ) -> dict[tuple[UUID, int], bytes]:
        previous: dict[tuple[UUID, int], bytes] = {}
        for stored in stored_events:
            if stored.originator_version > 1:
                originator_id = _uuid(stored.originator_id)
                c.execute(f"SELECT hash FROM {self.hashes_table_name} WHERE originator_id "
                          "= ? AND originator_version = ?",
                          (originator_id.hex, stored.originator_version - 1))
                row = c.fetchone()
                if row is not None:
                    previous[(originator_id, stored.originator_version - 1)] = row[0]
        return previous

    def _insert_hashes(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       previous: dict[tuple[UUID, int], bytes]) -> None:
        hashes = chain_hashes(stored_events, previous)
        c.executemany(f"INSERT INTO {self.hashes_table_name} VALUES (?, ?, ?)",
                      [(_uuid(s.originator_id).hex, s.originator_version, h)
                       for s, h in zip(stored_events, hashes, strict=True)])

    def select_existing(self, originator_ids: Sequence[UUID]) -> set[UUID]:
        """Which of ``originator_ids`` have a first event: one query (the bulk import)."""
        if not originator_ids:
            return set()
        marks = ", ".join("?" * len(originator_ids))
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT originator_id FROM {self.events_table_name} WHERE "
                      f"originator_version = 1 AND originator_id IN ({marks})",
                      [_uuid(i).hex for i in originator_ids])
            return {UUID(r[0]) for r in c.fetchall()}

    def select_hashes(self) -> dict[tuple[UUID, int], bytes]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT originator_id, originator_version, hash FROM "
                      f"{self.hashes_table_name}")
            return {(UUID(r[0]), r[1]): bytes(r[2]) for r in c.fetchall()}

    def chain_origin(self) -> tuple[int, int] | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT certified_up_to, chained FROM {self.origin_table_name}")
            row = c.fetchone()
            return None if row is None else (int(row[0]), int(row[1]))


class ChainedSQLiteProcessRecorder(SQLiteProcessRecorder, ChainedSQLiteApplicationRecorder):
    """A follower's recorder (its tracking row too), keeping its chain as well."""


class ChainedSQLiteFactory(SQLiteFactory):
    application_recorder_class = ChainedSQLiteApplicationRecorder
    process_recorder_class = ChainedSQLiteProcessRecorder


class ChainedPostgresApplicationRecorder(PostgresApplicationRecorder):
    def __init__(self, datastore: Any, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.hashes_table_name = hashes_table_name(events_table_name)
        self.origin_table_name = f"{self.hashes_table_name}_origin"
        self.check_identifier_length(self.origin_table_name)
        schema = Identifier(self.datastore.schema)
        self._hashes = SQL("{0}.{1}").format(schema, Identifier(self.hashes_table_name))
        self._origin = SQL("{0}.{1}").format(schema, Identifier(self.origin_table_name))
        self._events = SQL("{0}.{1}").format(schema, Identifier(self.events_table_name))
        # Writers are serialised (insert order = commit order, as the library's
        # notification log needs) by a transaction-level advisory lock instead of the
        # library's LOCK TABLE ... EXCLUSIVE, which PostgreSQL allows only to roles
        # that may UPDATE, DELETE or TRUNCATE the table: the runtime role may not.
        key = hashlib.sha256(f"{self.datastore.schema}.{events_table_name}".encode())
        self.lock_table_statements = [
            SQL("SET LOCAL lock_timeout = '{0}s'").format(self.datastore.lock_timeout),
            SQL("SELECT pg_advisory_xact_lock({0})").format(
                int.from_bytes(key.digest()[:8], "big", signed=True)),
        ]

    def _create_table(self, curs: Any) -> None:
        super()._create_table(curs)
        curs.execute(SQL("SELECT to_regclass(%s) AS found"),
                     (f'"{self.datastore.schema}"."{self.hashes_table_name}"',))
        if curs.fetchone()["found"] is not None:
            return
        # Writers wait while the events already stored are chained (the one-time step);
        # a second process creating the tables at once waits too, then finds them made.
        self._lock_table(curs)
        curs.execute(SQL("LOCK TABLE {0} IN EXCLUSIVE MODE").format(self._events))
        curs.execute(SQL("SELECT to_regclass(%s) AS found"),
                     (f'"{self.datastore.schema}"."{self.hashes_table_name}"',))
        if curs.fetchone()["found"] is not None:
            return
        curs.execute(SQL("CREATE TABLE IF NOT EXISTS {0} (originator_id uuid NOT NULL, "
                         "originator_version bigint NOT NULL, hash bytea NOT NULL, "
                         "PRIMARY KEY (originator_id, originator_version))"
                         ).format(self._hashes))
        curs.execute(SQL("CREATE TABLE IF NOT EXISTS {0} (certified_up_to bigint NOT NULL, "
                         "chained bigint NOT NULL, chained_at timestamptz NOT NULL "
                         "DEFAULT now())").format(self._origin))
        curs.execute(SQL("SELECT originator_id, originator_version, topic, state FROM {0} "
                         "ORDER BY originator_id, originator_version").format(self._events))
        rows = [StoredEvent(originator_id=r["originator_id"],
                            originator_version=r["originator_version"], topic=r["topic"],
                            state=bytes(r["state"])) for r in curs.fetchall()]
        self._insert_hashes(curs, rows, {})
        curs.execute(SQL("INSERT INTO {0} (certified_up_to, chained) SELECT "
                         "coalesce(max(notification_id), 0), %s FROM {1}"
                         ).format(self._origin, self._events), (len(rows),))

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Sequence[StoredEvent],
                                       **kwargs: Any) -> Sequence[int] | None:
        # Inside the library's transaction, after its table lock: the previous hashes
        # read here cannot change before this transaction commits.
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        self._insert_hashes(curs, stored_events, self._previous(curs, stored_events))
        return ids

    def _previous(self, curs: Any, stored_events: Sequence[StoredEvent]
                  ) -> dict[tuple[UUID, int], bytes]:
        wanted = [(s.originator_id, s.originator_version - 1) for s in stored_events
                  if s.originator_version > 1]
        if not wanted:
            return {}
        curs.execute(SQL("SELECT h.originator_id, h.originator_version, h.hash FROM {0} h "
                         "JOIN unnest(%s::uuid[], %s::bigint[]) AS w(id, v) "
                         "ON h.originator_id = w.id AND h.originator_version = w.v"
                         ).format(self._hashes),
                     ([w[0] for w in wanted], [w[1] for w in wanted]))
        return {(r["originator_id"], r["originator_version"]): bytes(r["hash"])
                for r in curs.fetchall()}

    def _insert_hashes(self, curs: Any, stored_events: Sequence[StoredEvent],
                       previous: dict[tuple[UUID, int], bytes]) -> None:
        if not stored_events:
            return
        hashes = chain_hashes(stored_events, previous)
        curs.execute(SQL("INSERT INTO {0} (originator_id, originator_version, hash) "
                         "SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::bytea[])"
                         ).format(self._hashes),
                     ([_uuid(s.originator_id) for s in stored_events],
                      [s.originator_version for s in stored_events], hashes))

    def select_existing(self, originator_ids: Sequence[UUID]) -> set[UUID]:
        """Which of ``originator_ids`` have a first event: one query (the bulk import)."""
        if not originator_ids:
            return set()
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL("SELECT originator_id FROM {0} WHERE originator_version = 1 AND "
                             "originator_id = ANY(%s::uuid[])").format(self._events),
                         ([_uuid(i) for i in originator_ids],))
            rows: list[DictRow] = curs.fetchall()
            return {_uuid(r["originator_id"]) for r in rows}

    def select_hashes(self) -> dict[tuple[UUID, int], bytes]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL("SELECT originator_id, originator_version, hash FROM {0}"
                             ).format(self._hashes))
            rows: list[DictRow] = curs.fetchall()
            return {(r["originator_id"], r["originator_version"]): bytes(r["hash"])
                    for r in rows}

    def chain_origin(self) -> tuple[int, int] | None:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL("SELECT certified_up_to, chained FROM {0}").format(self._origin))
            row = curs.fetchone()
            return None if row is None else (int(row["certified_up_to"]), int(row["chained"]))


class ChainedPostgresProcessRecorder(PostgresProcessRecorder, ChainedPostgresApplicationRecorder):
    """A follower's recorder (its tracking row too), keeping its chain as well."""

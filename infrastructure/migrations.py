"""``dualtrack migrate``: create and upgrade every table, once, under an advisory lock.

On PostgreSQL the tables (each application's events and snapshots, the views and their
tracking, idempotency records) are created by this step only: ``serve`` and
``projections run`` open the store without creating anything, and refuse to start on a
schema that is missing or older than the code, naming this command. The version is
recorded in ``dualtrack_schema``. On SQLite the store still migrates itself on first use.

Not yoyo or alembic: the tables are the eventsourcing library's own (it creates them
from its recorders' DDL) plus the views' ``CREATE TABLE IF NOT EXISTS``; what this adds
is the lock, the version and the refusal. A step that alters a table will be the time
to bring in a migration library (the version table is then its starting point).
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from infrastructure.bootstrap import Dualtrack, bootstrap
from infrastructure.settings import Settings
from infrastructure.views.postgres_store import conninfo

# The version of the tables this code expects; raise it with every step added below.
SCHEMA_VERSION = 1
_MIGRATE_LOCK = 0x6474_6D67  # "dtmg"


class SchemaNotReadyError(Exception):
    """The PostgreSQL store has no tables yet, or older ones than this code needs."""


@dataclass(frozen=True)
class Migrated:
    before: int
    after: int

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _table(settings: Settings) -> str:
    schema = settings.postgres.get("POSTGRES_SCHEMA") or "public"
    return f'"{schema}".dualtrack_schema'


def _connect(settings: Settings) -> psycopg.Connection:  # type: ignore[type-arg]
    return psycopg.connect(conninfo(settings.postgres), autocommit=True)


def schema_version(settings: Settings) -> int:
    """The version recorded by the last ``migrate`` (0: never migrated)."""
    if settings.backend == "sqlite":
        return SCHEMA_VERSION
    with _connect(settings) as connection:
        found = connection.execute("SELECT to_regclass(%s)", (_table(settings),)).fetchone()
        if found is None or found[0] is None:
            return 0
        row = connection.execute(f"SELECT max(version) FROM {_table(settings)}").fetchone()
        return int(row[0] or 0) if row else 0


def require_current_schema(settings: Settings) -> None:
    """Raises ``SchemaNotReadyError`` unless the store is at this code's version."""
    found = schema_version(settings)
    if found == SCHEMA_VERSION:
        return
    if found == 0:
        raise SchemaNotReadyError(
            f"the store at {settings.describe()} has no dualtrack tables yet: run "
            "`dualtrack migrate` once (as the database owner), then start again")
    if found < SCHEMA_VERSION:
        raise SchemaNotReadyError(
            f"the store is at schema version {found}, this code needs {SCHEMA_VERSION}: "
            "run `dualtrack migrate`, then start again")
    raise SchemaNotReadyError(
        f"the store is at schema version {found}, newer than this code's "
        f"{SCHEMA_VERSION}: upgrade dualtrack before starting it on this store")


def migrate(settings: Settings, system: Dualtrack | None = None) -> Migrated:
    """Create every missing table and record the version; safe to run again and at once.

    ``system``: applications already open on this store with table creation on (their
    tables exist), so that only the views and the version remain (the tests' fixtures).
    """
    if settings.backend == "sqlite":
        _create_everything(settings, system)
        return Migrated(SCHEMA_VERSION, SCHEMA_VERSION)
    with _connect(settings) as connection:
        # Session-level: held across the library's own transactions below; a second
        # migrate waits here and then finds nothing left to do.
        connection.execute("SELECT pg_advisory_lock(%s)", (_MIGRATE_LOCK,))
        try:
            schema = settings.postgres.get("POSTGRES_SCHEMA") or "public"
            connection.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS {_table(settings)} (version INTEGER PRIMARY "
                "KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            row = connection.execute(f"SELECT max(version) FROM {_table(settings)}").fetchone()
            before = int(row[0] or 0) if row else 0
            if before > SCHEMA_VERSION:
                raise SchemaNotReadyError(
                    f"the store is at schema version {before}, newer than this code's "
                    f"{SCHEMA_VERSION}")
            _create_everything(settings, system)
            connection.execute(f"INSERT INTO {_table(settings)} (version) VALUES (%s) "
                               "ON CONFLICT (version) DO NOTHING", (SCHEMA_VERSION,))
            return Migrated(before, SCHEMA_VERSION)
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATE_LOCK,))


def _create_everything(settings: Settings, system: Dualtrack | None) -> None:
    if system is not None:
        system.open_projections().close()
        return
    with bootstrap(settings) as opened:
        opened.open_projections().close()

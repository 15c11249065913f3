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

from dataclasses import dataclass, field

import psycopg

from infrastructure.bootstrap import Dualtrack, bootstrap
from infrastructure.settings import Settings
from infrastructure.views.leader import create_status_table
from infrastructure.views.postgres_store import conninfo

# The version of the tables this code expects; raise it with every step added below.
#   1: the applications' events and snapshots, the views and their tracking.
#   2: every event's chain hash (``<app>_event_hashes``; the events already stored are
#      hashed once, as they are, and ``<app>_event_hashes_origin`` says up to where),
#      the ``seals`` table and the idempotency records table.
SCHEMA_VERSION = 2
_MIGRATE_LOCK = 0x6474_6D67  # "dtmg"
# The tables of the history (by suffix): append-only for the runtime role.
HISTORY_TABLES = ("_events", "_snapshots", "_event_hashes", "_event_hashes_origin")


class SchemaNotReadyError(Exception):
    """The PostgreSQL store has no tables yet, or older ones than this code needs."""


@dataclass(frozen=True)
class Migrated:
    before: int
    after: int
    # Per application: the events that were already stored when its chain began, hashed
    # as they were found (position up to which, how many). Empty when nothing was new.
    chained: dict[str, tuple[int, int]] = field(default_factory=dict)

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
        return Migrated(SCHEMA_VERSION, SCHEMA_VERSION, _create_everything(settings, system))
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
            chained = _create_everything(settings, system)
            create_status_table(connection, schema)  # the elected projector's heartbeat
            connection.execute(f"INSERT INTO {_table(settings)} (version) VALUES (%s) "
                               "ON CONFLICT (version) DO NOTHING", (SCHEMA_VERSION,))
            return Migrated(before, SCHEMA_VERSION, chained)
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATE_LOCK,))


def _create_everything(settings: Settings, system: Dualtrack | None
                       ) -> dict[str, tuple[int, int]]:
    """Every table; what each application's one-time chaining step hashed (if any)."""
    if system is not None:
        return _create_beside(settings, system)
    with bootstrap(settings) as opened:
        return _create_beside(settings, opened)


def _create_beside(settings: Settings, system: Dualtrack) -> dict[str, tuple[int, int]]:
    system.open_projections().close()
    from infrastructure.history.seals import SealStore

    SealStore(settings).close()
    chained = {}
    for application in system.applications:
        origin = application.recorder.chain_origin()
        if origin is not None and origin[1]:
            chained[application.name] = origin
    return chained


def grant_runtime_role(settings: Settings, role: str) -> None:
    """Let ``role`` (which must exist) run the service and nothing more on the history.

    Events, their hashes and snapshots: SELECT and INSERT only (no UPDATE, DELETE or
    TRUNCATE: the history is append-only for it). The views, their tracking and the other
    tables beside them: read and write, as the projector and idempotency need.
    """
    if settings.backend != "postgres":
        raise SchemaNotReadyError("runtime roles are PostgreSQL's; SQLite refuses UPDATE "
                                  "and DELETE of events by triggers")
    schema = settings.postgres.get("POSTGRES_SCHEMA") or "public"
    with _connect(settings) as connection:
        found = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                   (role,)).fetchone()
        if found is None:
            raise SchemaNotReadyError(f"there is no role {role!r}: CREATE ROLE {role} "
                                      "LOGIN PASSWORD '...' first")
        tables = [row[0] for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,)).fetchall()]
        history = {t for t in tables if t.endswith(HISTORY_TABLES)}
        who = f'"{role}"'
        with connection.transaction():
            connection.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO {who}')
            for table in tables:
                name = f'"{schema}"."{table}"'
                connection.execute(f"REVOKE ALL ON {name} FROM {who}")
                rights = ("SELECT, INSERT" if table in history
                          else "SELECT, INSERT, UPDATE, DELETE")
                connection.execute(f"GRANT {rights} ON {name} TO {who}")
            connection.execute(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" '
                               f"TO {who}")
            # The views a later rebuild makes (as the owner) are the runtime's to write.
            connection.execute(f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" GRANT SELECT, '
                               f"INSERT, UPDATE, DELETE ON TABLES TO {who}")

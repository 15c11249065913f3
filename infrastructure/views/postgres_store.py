"""The view store in PostgreSQL: ``views_*`` tables in the configured schema (psycopg 3).

A write transaction locks its source's tracking row (``SELECT ... FOR UPDATE``):
a second runner on the same source waits for the first one's commit and then reads
the position it committed, so a batch is never applied twice. Reads that must agree
with each other (verify) run in one REPEATABLE READ snapshot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from psycopg import Connection
from psycopg.rows import tuple_row
from psycopg_pool import ConnectionPool, PoolTimeout

from infrastructure.pool import StoreBusyError
from infrastructure.views.dialect import PostgresDialect
from infrastructure.views.sql_store import LIVE_PREFIX, SqlViewStore

_DDL_LOCK = 0x64747677  # "dtvw": serialises CREATE/DROP/rename of the view tables


def conninfo(postgres: Mapping[str, str]) -> str:
    parts = {"host": postgres.get("POSTGRES_HOST", "127.0.0.1"),
             "port": postgres.get("POSTGRES_PORT", "5432"),
             "user": postgres.get("POSTGRES_USER", "postgres"),
             "password": postgres.get("POSTGRES_PASSWORD", ""),
             "dbname": postgres.get("POSTGRES_DBNAME", "postgres"),
             "connect_timeout": postgres.get("POSTGRES_CONNECT_TIMEOUT", "5")}
    return " ".join(f"{key}={_quote(value)}" for key, value in parts.items() if value != "")


def _quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class PostgresViewStore(SqlViewStore):
    """The views, on the process's shared pool (``infrastructure.pool``): its connections
    are in autocommit and give dict rows to the library, so cursors here ask for tuples."""

    def __init__(self, postgres: Mapping[str, str], prefix: str = LIVE_PREFIX, *,
                 pool: ConnectionPool[Connection[Any]],
                 release: Callable[[], None] | None = None) -> None:
        super().__init__(PostgresDialect(postgres.get("POSTGRES_SCHEMA") or "public"), prefix)
        self.postgres = dict(postgres)
        self.pool = pool
        self._release = release

    @contextmanager
    def _connection(self) -> Iterator[Connection[Any]]:
        try:
            with self.pool.connection() as connection:
                yield connection
        except PoolTimeout as error:
            raise StoreBusyError(f"no database connection within {self.pool.timeout:g} s "
                                 "for the views") from error

    @contextmanager
    def _write(self) -> Iterator[Any]:
        with self._connection() as connection, connection.transaction(), \
                connection.cursor(row_factory=tuple_row) as cursor:
            yield cursor

    @contextmanager
    def _read(self) -> Iterator[Any]:
        with self._connection() as connection:
            connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                with connection.cursor(row_factory=tuple_row) as cursor:
                    yield cursor
            finally:
                connection.execute("ROLLBACK")

    @contextmanager
    def _plain(self) -> Iterator[Any]:
        with self._connection() as connection, \
                connection.cursor(row_factory=tuple_row) as cursor:
            yield cursor

    def _serialise_ddl(self, cursor: Any) -> None:
        # Concurrent CREATE TABLE IF NOT EXISTS of the same name can still fail in
        # PostgreSQL; a transaction-scoped advisory lock makes processes take turns.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_DDL_LOCK,))

    def _rename_statements(self, old_prefix: str, new_prefix: str, name: str) -> list[str]:
        # Index and constraint names are per schema: the primary key's moves with it,
        # so that the next scratch set can use the scratch name again.
        table = self.dialect.name(f"{new_prefix}{name}")
        return [*super()._rename_statements(old_prefix, new_prefix, name),
                f'ALTER TABLE {table} RENAME CONSTRAINT "{old_prefix}{name}_pk" '
                f'TO "{new_prefix}{name}_pk"']

    def scratch(self, name: str) -> PostgresViewStore:
        return PostgresViewStore(self.postgres, f"{self.prefix}{name}_", pool=self.pool)

    def close(self) -> None:
        if self._release is not None:
            self._release()
            self._release = None

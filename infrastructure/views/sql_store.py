"""The view store over SQL: tables from ``application.projections.schema``, one prefix per set.

Subclasses say how to get a cursor inside a write transaction, a read snapshot, or
autocommit (``_write``, ``_read``, ``_plain``); everything else is common SQL.
"""

from __future__ import annotations

import secrets
from abc import abstractmethod
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

from application.projections.ports import Row, ViewReader, ViewStore, ViewTransaction
from application.projections.schema import FINGERPRINT, SOURCES, TABLES, Table
from infrastructure.views import figures, reimbursement_figures
from infrastructure.views.dialect import Dialect
from infrastructure.views.sql_rows import SqlReader, SqlTransaction, positions

LIVE_PREFIX = "views_"
_SECRET_TABLE = "views_secret"
_BOOKKEEPING = ("tracking", "schema")


class SqlViewStore(ViewStore):
    def __init__(self, dialect: Dialect, prefix: str = LIVE_PREFIX) -> None:
        self.dialect = dialect
        self.prefix = prefix

    # How each database is reached --------------------------------------------------

    @abstractmethod
    def _write(self) -> AbstractContextManager[Any]:
        """A cursor in a write transaction (committed on exit, rolled back on error)."""

    @abstractmethod
    def _read(self) -> AbstractContextManager[Any]:
        """A cursor in a read-only transaction that sees one moment."""

    @abstractmethod
    def _plain(self) -> AbstractContextManager[Any]:
        """A cursor for single statements, each its own transaction."""

    # Names and DDL -------------------------------------------------------------------

    def table_name(self, table: Table | str) -> str:
        name = table if isinstance(table, str) else table.name
        return self.dialect.name(f"{self.prefix}{name}")

    def _create_statements(self, table: Table) -> list[str]:
        columns = ", ".join(
            f'"{c.name}" {self.dialect.types[c.type]}{"" if c.nullable else " NOT NULL"}'
            for c in table.columns)
        return [f"CREATE TABLE IF NOT EXISTS {self.table_name(table)} ({columns}, "
                f'CONSTRAINT "{self.prefix}{table.name}_pk" PRIMARY KEY ("{table.key}"))']

    def _index_statements(self) -> list[str]:
        return [f'CREATE INDEX IF NOT EXISTS "{self.prefix}{t.name}_{column}_idx" '
                f'ON {self.table_name(t)} ("{column}")'
                for t in TABLES for column in t.indexes]

    def _bookkeeping_statements(self) -> list[str]:
        tracking, schema = self.table_name("tracking"), self.table_name("schema")
        return [
            f"CREATE TABLE IF NOT EXISTS {tracking} (application_name TEXT NOT NULL, "
            f'notification_id BIGINT NOT NULL, CONSTRAINT "{self.prefix}tracking_pk" '
            "PRIMARY KEY (application_name))",
            *(f"INSERT INTO {tracking} (application_name, notification_id) "
              f"VALUES ('{source}', 0) ON CONFLICT (application_name) DO NOTHING"
              for source in SOURCES),
            f"CREATE TABLE IF NOT EXISTS {schema} (id INTEGER NOT NULL, fingerprint TEXT "
            f'NOT NULL, CONSTRAINT "{self.prefix}schema_pk" PRIMARY KEY (id))',
            # Written when the tables are made only: older tables keep their fingerprint.
            f"INSERT INTO {schema} (id, fingerprint) VALUES (1, '{FINGERPRINT}') "
            "ON CONFLICT (id) DO NOTHING",
        ]

    def _ddl(self, statements: Sequence[str]) -> None:
        with self._write() as cursor:
            self._serialise_ddl(cursor)
            for statement in statements:
                cursor.execute(statement)

    def _serialise_ddl(self, cursor: Any) -> None:
        """Keep two processes from creating the same tables at once (if they could)."""

    def create_tables(self, *, with_indexes: bool = True) -> None:
        statements = [s for t in TABLES for s in self._create_statements(t)]
        statements += self._bookkeeping_statements()
        self._ddl(statements + (self._index_statements() if with_indexes else []))

    def drop_tables(self) -> None:
        names = [*(self.table_name(t) for t in TABLES), *map(self.table_name, _BOOKKEEPING)]
        self._ddl([f"DROP TABLE IF EXISTS {name}" for name in names])

    def replace_with(self, scratch: ViewStore) -> None:
        if not isinstance(scratch, SqlViewStore) or scratch is self:
            raise TypeError("a store is replaced by one of its own scratch stores")
        statements: list[str] = []
        for name in [*(t.name for t in TABLES), *_BOOKKEEPING]:
            statements.append(f"DROP TABLE IF EXISTS {self.table_name(name)}")
            statements += self._rename_statements(scratch.prefix, self.prefix, name)
        self._ddl(statements + self._index_statements())

    def _rename_statements(self, old_prefix: str, new_prefix: str, name: str) -> list[str]:
        old = self.dialect.name(f"{old_prefix}{name}")
        return [f'ALTER TABLE {old} RENAME TO "{new_prefix}{name}"']

    def fingerprint(self) -> str | None:
        try:
            with self._plain() as cursor:
                cursor.execute(f"SELECT fingerprint FROM {self.table_name('schema')}")
                row = cursor.fetchone()
        except Exception:  # no such table: nothing was created here yet
            return None
        return None if row is None else str(row[0])

    def secret(self) -> bytes:
        table = self.dialect.name(_SECRET_TABLE)
        try:  # made already (by `migrate`): read it, no DDL (a runtime role may not)
            with self._plain() as cursor:
                cursor.execute(f"SELECT secret FROM {table} WHERE id = 1")
                row = cursor.fetchone()
            if row is not None:
                return bytes.fromhex(row[0])
        except Exception:  # noqa: BLE001, S110 - no such table yet: made below
            pass
        with self._write() as cursor:
            self._serialise_ddl(cursor)
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY, "
                           "secret TEXT NOT NULL)")
            cursor.execute(self.dialect.sql(f"INSERT INTO {table} (id, secret) VALUES (1, ?) "
                                            "ON CONFLICT (id) DO NOTHING"),
                           (secrets.token_hex(32),))
            cursor.execute(f"SELECT secret FROM {table} WHERE id = 1")
            return bytes.fromhex(cursor.fetchone()[0])

    # Writing and reading -------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[ViewTransaction]:
        with self._write() as cursor:
            yield SqlTransaction(self, cursor)

    @contextmanager
    def reader(self) -> Iterator[ViewReader]:
        with self._read() as cursor:
            yield SqlReader(self, cursor)

    def positions(self) -> dict[str, int]:
        with self._plain() as cursor:
            return positions(self, cursor)

    def select(self, table: Table, filters: Mapping[str, Any], order: Sequence[tuple[str, bool]],
               limit: int, offset: int) -> tuple[list[Row], int]:
        with self._read() as cursor:
            return figures.select(self, cursor, table, filters, order, limit, offset)

    def select_in(self, table: Table, column: str, values: Collection[Any]) -> list[Row]:
        with self._read() as cursor:
            return figures.select_in(self, cursor, table, column, values)

    def agreement_figures(self, group_by: str, *, year: int | None, region: str | None,
                          today: date, overdue_before: date,
                          with_region: bool = False) -> list[Row]:
        with self._read() as cursor:
            return figures.agreement_figures(self, cursor, group_by, year=year, region=region,
                                             today=today, overdue_before=overdue_before,
                                             with_region=with_region)

    def contract_figures(self, group_by: str, *, year: int | None,
                         region: str | None) -> list[Row]:
        with self._read() as cursor:
            return figures.contract_figures(self, cursor, group_by, year=year, region=region)

    def reimbursement_figures(self, group_by: str, *, year: int | None,
                              region: str | None) -> tuple[list[Row], list[Row]]:
        with self._read() as cursor:
            return reimbursement_figures.figures(self, cursor, group_by, year=year,
                                                 region=region)

    def organisation_names(self) -> dict[str, str]:
        with self._read() as cursor:
            cursor.execute(f'SELECT "bin", "name" FROM {self.table_name("organisations")}')
            return {bin_: name for bin_, name in cursor.fetchall()}

    def decode_row(self, table: Table, values: Sequence[Any]) -> Row:
        return {column.name: self.dialect.decode(value, column.type)
                for column, value in zip(table.columns, values, strict=True)}

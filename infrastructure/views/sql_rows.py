"""Rows and positions inside one transaction of a view store (``SqlViewStore``)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from application.projections.ports import Row, ViewReader, ViewTransaction
from application.projections.schema import Table
from infrastructure.views.dialect import TableNames

_FETCH_CHUNK = 500  # keys per IN (...): well under SQLite's limit on parameters


def positions(store: TableNames, cursor: Any) -> dict[str, int]:
    cursor.execute(f"SELECT application_name, notification_id FROM {store.table_name('tracking')}")
    return {name: int(position) for name, position in cursor.fetchall()}


class SqlTransaction(ViewTransaction):
    def __init__(self, store: TableNames, cursor: Any) -> None:
        self.store, self.cursor, self.dialect = store, cursor, store.dialect

    def position(self, source: str) -> int:
        self.cursor.execute(self.dialect.sql(
            f"SELECT notification_id FROM {self.store.table_name('tracking')} "
            f"WHERE application_name = ?{self.dialect.lock_row}"), (source,))
        row = self.cursor.fetchone()
        if row is None:
            raise KeyError(f"{source} is not a source of the views")
        return int(row[0])

    def set_position(self, source: str, position: int) -> None:
        self.cursor.execute(self.dialect.sql(
            f"UPDATE {self.store.table_name('tracking')} SET notification_id = ? "
            "WHERE application_name = ?"), (position, source))

    def fetch(self, table: Table, keys: Collection[str]) -> dict[str, Row]:
        found: dict[str, Row] = {}
        wanted = sorted(keys)
        columns = ", ".join(f'"{name}"' for name in table.column_names)
        for start in range(0, len(wanted), _FETCH_CHUNK):
            chunk = wanted[start:start + _FETCH_CHUNK]
            self.cursor.execute(self.dialect.sql(
                f'SELECT {columns} FROM {self.store.table_name(table)} WHERE "{table.key}" '
                f"IN ({', '.join('?' * len(chunk))})"), chunk)
            for values in self.cursor.fetchall():
                row = self.store.decode_row(table, values)
                found[row[table.key]] = row
        return found

    def upsert(self, table: Table, rows: Sequence[Row]) -> None:
        if not rows:
            return
        names = table.column_names
        updates = ", ".join(f'"{n}" = excluded."{n}"' for n in names if n != table.key)
        quoted = ", ".join(f'"{n}"' for n in names)
        statement = self.dialect.sql(
            f"INSERT INTO {self.store.table_name(table)} ({quoted}) "
            f"VALUES ({', '.join('?' * len(names))}) "
            f'ON CONFLICT ("{table.key}") DO UPDATE SET {updates}')
        encode = self.dialect.encode
        self.cursor.executemany(statement, [
            tuple(encode(row[c.name], c.type) for c in table.columns) for row in rows])


class SqlReader(ViewReader):
    def __init__(self, store: TableNames, cursor: Any) -> None:
        self.store, self.cursor = store, cursor

    def positions(self) -> dict[str, int]:
        return positions(self.store, self.cursor)

    def rows(self, table: Table) -> Iterator[Row]:
        columns = ", ".join(f'"{name}"' for name in table.column_names)
        self.cursor.execute(f'SELECT {columns} FROM {self.store.table_name(table)} '
                            f'ORDER BY "{table.key}"{self.store.dialect.key_order}')
        for values in self.cursor.fetchall():
            yield self.store.decode_row(table, values)

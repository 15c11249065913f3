"""What differs between SQLite and PostgreSQL for the view tables, and nothing else.

Statements are written once with ``?`` placeholders; each dialect turns column types
into its own, values into what its driver stores and back, and names into qualified,
quoted identifiers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from application.projections.ports import Row
from application.projections.schema import ColumnType, Table

_CENTS = Decimal(100)
_CENT = Decimal("0.01")


def cents(amount: Decimal) -> int:
    return int((amount * _CENTS).to_integral_exact())


def from_cents(value: int | Decimal | None) -> Decimal:
    return (Decimal(value or 0) / _CENTS).quantize(_CENT)


class TableNames(Protocol):
    """What a statement builder needs of a view store: its dialect, its tables' qualified
    names and its row decoding (``SqlViewStore`` provides it; typed here, so the modules
    that build statements never import the store that imports them)."""

    dialect: Dialect

    def table_name(self, table: Table | str) -> str: ...

    def decode_row(self, table: Table, values: Sequence[Any]) -> Row: ...


class Dialect:
    types: dict[ColumnType, str]
    lock_row = ""  # appended to the tracking SELECT of a write transaction
    key_order = ""  # appended to ORDER BY <key>, so keys come in code-point order

    def __init__(self, schema: str | None = None) -> None:
        self.schema = schema

    def name(self, table: str) -> str:
        quoted = f'"{table}"'
        return f'"{self.schema}".{quoted}' if self.schema else quoted

    def sql(self, statement: str) -> str:
        return statement

    def encode(self, value: Any, type_: ColumnType) -> Any:
        if value is None:
            return None
        if type_ is ColumnType.MONEY:
            return cents(value)
        if type_ is ColumnType.JSON:
            return json.dumps(value, sort_keys=True)
        return value

    def decode(self, value: Any, type_: ColumnType) -> Any:
        if value is None:
            return None
        if type_ is ColumnType.MONEY:
            return from_cents(value)
        if type_ is ColumnType.JSON:
            return json.loads(value)
        return value


class SQLiteDialect(Dialect):
    types = {ColumnType.TEXT: "TEXT", ColumnType.INT: "INTEGER", ColumnType.DATE: "TEXT",
             ColumnType.TIMESTAMP: "TEXT", ColumnType.MONEY: "INTEGER", ColumnType.JSON: "TEXT"}

    def encode(self, value: Any, type_: ColumnType) -> Any:
        if isinstance(value, date):  # datetime too: ISO text sorts as it compares
            return value.isoformat()
        return super().encode(value, type_)

    def decode(self, value: Any, type_: ColumnType) -> Any:
        if value is not None and type_ is ColumnType.DATE:
            return date.fromisoformat(value)
        if value is not None and type_ is ColumnType.TIMESTAMP:
            return datetime.fromisoformat(value)
        return super().decode(value, type_)


class PostgresDialect(Dialect):
    types = {ColumnType.TEXT: "TEXT", ColumnType.INT: "BIGINT", ColumnType.DATE: "DATE",
             ColumnType.TIMESTAMP: "TIMESTAMPTZ", ColumnType.MONEY: "BIGINT",
             ColumnType.JSON: "TEXT"}
    lock_row = " FOR UPDATE"
    key_order = ' COLLATE "C"'

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

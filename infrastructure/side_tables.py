"""Plain tables beside the views (seals, idempotency records): not events, not views.

SQLite: in ``<data dir>/views.sqlite``, under names the view store never touches.
PostgreSQL: in the configured schema, through the process's shared pool. Statements are
written with ``%s`` placeholders; SQLite gets ``?``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from typing import Any

from infrastructure.settings import Settings


class SideTables:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.postgres = settings.backend == "postgres"
        self._pool: Any = None
        self._release: Callable[[], None] | None = None
        if self.postgres:
            from infrastructure.pool import shared_pool

            self._pool, self._release = shared_pool(settings.pool_env())
        else:
            settings.data_dir.mkdir(parents=True, exist_ok=True)

    def table(self, name: str) -> str:
        if self.postgres:
            schema = self.settings.postgres.get("POSTGRES_SCHEMA") or "public"
            return f'"{schema}".{name}'
        return name

    @contextmanager
    def transaction(self) -> Iterator[Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]]:
        """``run(statement, params)`` inside one transaction; rows when it returns any."""
        if self.postgres:
            with self._pool.connection() as connection, connection.transaction():
                def run_pg(statement: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
                    cursor = connection.execute(statement, params, prepare=False)
                    if cursor.description is None:
                        return []
                    return [tuple(row.values()) if isinstance(row, dict) else tuple(row)
                            for row in cursor.fetchall()]
                yield run_pg
            return
        path = self.settings.data_dir / "views.sqlite"
        with closing(sqlite3.connect(path, isolation_level=None, timeout=30)) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                def run_sqlite(statement: str, params: Sequence[Any] = ()
                               ) -> list[tuple[Any, ...]]:
                    cursor = connection.execute(statement.replace("%s", "?"), tuple(params))
                    return [tuple(row) for row in cursor.fetchall()]
                yield run_sqlite
            except BaseException:
                connection.rollback()
                raise
            else:
                connection.commit()

    def close(self) -> None:
        if self._release is not None:
            self._release()
            self._release = None

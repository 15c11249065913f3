"""The view store in one SQLite file (``dualtrack-data/views.sqlite`` by default).

One connection per thread (sqlite3 connections are not to be shared by threads in
use at once). WAL mode lets readers read while a batch is written. A write
transaction begins IMMEDIATE, taking the file's write lock at once: a second runner,
in this process or another, waits there and then reads the position the first one
committed.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from infrastructure.views.dialect import SQLiteDialect
from infrastructure.views.sql_store import LIVE_PREFIX, SqlViewStore

_LOCK_TIMEOUT_SECONDS = 30


class SQLiteViewStore(SqlViewStore):
    def __init__(self, path: Path | str, prefix: str = LIVE_PREFIX) -> None:
        super().__init__(SQLiteDialect(), prefix)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, isolation_level=None,
                                         check_same_thread=False,
                                         timeout=_LOCK_TIMEOUT_SECONDS)
            connection.execute("PRAGMA journal_mode=WAL")
            # The views are rebuilt from the events at will; a power cut may lose the
            # last batches (never half of one), which the runner then applies again.
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[Any]:
        connection = self._connection()
        cursor = connection.cursor()
        cursor.execute(begin)
        try:
            yield cursor
        except BaseException:
            connection.rollback()
            raise
        else:
            connection.commit()
        finally:
            cursor.close()

    def _write(self) -> Any:
        return self._transaction("BEGIN IMMEDIATE")

    def _read(self) -> Any:
        return self._transaction("BEGIN")

    @contextmanager
    def _plain(self) -> Iterator[Any]:
        cursor = self._connection().cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def scratch(self, name: str) -> SQLiteViewStore:
        return SQLiteViewStore(self.path, f"{self.prefix}{name}_")

    def close(self) -> None:
        with self._lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

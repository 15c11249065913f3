"""One bounded PostgreSQL pool per process, shared by every application and the views.

The library gives each eventsourcing Application a pool of its own (six applications,
the views and their overflow held 32-34 connections per process). Here every
application's recorders, the idempotency records and the view store draw from one
``psycopg_pool.ConnectionPool`` of ``DUALTRACK_DB_POOL_SIZE`` connections (default 8)
per store and process; the projector's LISTEN connection is the one connection outside it.
At least 2: a projection batch holds a view connection (its tracking row locked) while it
reads the batch's notifications on another.

A request that waits longer than ``DUALTRACK_DB_POOL_TIMEOUT`` (default 5 s) for a
connection gets ``StoreBusyError``, which the web layer answers with 503 and
``Retry-After``. It is not one of the errors the library retries (ten times), so a
saturated pool or a database that went away answers within the timeout instead of
hanging for a minute.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import BaseInfrastructureFactory, Environment, PersistenceError
from eventsourcing.postgres import PostgresDatastore, PostgresFactory
from psycopg import Connection
from psycopg_pool import ConnectionPool, PoolTimeout

from infrastructure.history.recorders import (
    ChainedPostgresApplicationRecorder,
    ChainedPostgresProcessRecorder,
)

__all__ = ["SharedPostgresFactory", "StoreBusyError", "acquire", "release"]

DB_POOL_SIZE = "DUALTRACK_DB_POOL_SIZE"
DB_POOL_TIMEOUT = "DUALTRACK_DB_POOL_TIMEOUT"
# The parts of an application's environment that name one pool.
_KEY = ("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD",
        "POSTGRES_DBNAME", "POSTGRES_SCHEMA", "POSTGRES_LOCK_TIMEOUT", DB_POOL_SIZE,
        DB_POOL_TIMEOUT)


class StoreBusyError(PersistenceError):
    """No database connection came free within the pool timeout (or none can be made)."""


class SharedDatastore(PostgresDatastore):
    @contextmanager
    def get_connection(self) -> Iterator[Connection[Any]]:
        try:
            with super().get_connection() as connection:
                yield connection
        except PersistenceError as error:
            if isinstance(error.__cause__, PoolTimeout):
                raise StoreBusyError(
                    f"no database connection within {self.pool.timeout:g} s "
                    f"({self.pool.max_size} in the pool, all busy or unreachable)") from error
            raise


_lock = threading.Lock()
_shared: dict[tuple[str, ...], tuple[SharedDatastore, int]] = {}


def _key(env: Mapping[str, str]) -> tuple[str, ...]:
    return (str(os.getpid()), *(str(env.get(name, "")) for name in _KEY))


def _new_datastore(env: Mapping[str, str]) -> SharedDatastore:
    size = int(env.get(DB_POOL_SIZE) or 8)
    timeout = float(env.get(DB_POOL_TIMEOUT) or 5)
    datastore = SharedDatastore(
        dbname=env.get("POSTGRES_DBNAME", "postgres"),
        host=env.get("POSTGRES_HOST", "127.0.0.1"),
        port=env.get("POSTGRES_PORT", "5432"),
        user=env.get("POSTGRES_USER", "postgres"),
        password=env.get("POSTGRES_PASSWORD", ""),
        connect_timeout=timeout,
        idle_in_transaction_session_timeout=5,
        # Grows on demand from one connection to ``size``, never beyond.
        pool_size=1,
        max_overflow=size - 1,
        lock_timeout=int(env.get("POSTGRES_LOCK_TIMEOUT") or 0),
        schema=env.get("POSTGRES_SCHEMA", ""),
        # Not pool_open_timeout: the library opens the pool on each use, and two threads
        # opening it with a wait at once trip psycopg_pool's assertion.
    )
    # A libpq connect attempt gives up within the timeout too (its default waits for TCP),
    # and pg_stat_activity names whose connections these are.
    kwargs = datastore.pool.kwargs
    if not isinstance(kwargs, dict):  # the library passes a dict, never a callable
        raise TypeError("eventsourcing's pool has no connection keyword arguments")
    kwargs["connect_timeout"] = max(1, round(timeout))
    schema = env.get("POSTGRES_SCHEMA") or "public"
    kwargs["application_name"] = f"dualtrack-{os.getpid()}-{schema}"[:63]
    # Opened now, without waiting (connections are made in the background): the view
    # store uses the pool directly, and the library's own open() is then a no-op.
    datastore.pool.open(wait=False)
    return datastore


def acquire(env: Mapping[str, str]) -> SharedDatastore:
    """The process's datastore for the store ``env`` names (made on first use)."""
    key = _key(env)
    with _lock:
        datastore, users = _shared.get(key) or (_new_datastore(env), 0)
        _shared[key] = (datastore, users + 1)
        return datastore


def release(datastore: PostgresDatastore) -> None:
    """One user fewer; the pool closes with its last user."""
    with _lock:
        for key, (shared, users) in list(_shared.items()):
            if shared is datastore:
                if users > 1:
                    _shared[key] = (shared, users - 1)
                else:
                    del _shared[key]
                    shared.close()
                return
    datastore.close()


def shared_pool(env: Mapping[str, str]) -> tuple[ConnectionPool[Any], Any]:
    """The shared psycopg pool for the view store, and the callable that releases it."""
    datastore = acquire(env)
    return datastore.pool, lambda: release(datastore)


class SharedPostgresFactory(PostgresFactory):
    """eventsourcing's PostgreSQL factory, drawing on the process's shared pool; its
    application recorders keep the event chain (``infrastructure/history``)."""

    application_recorder_class = ChainedPostgresApplicationRecorder
    process_recorder_class = ChainedPostgresProcessRecorder

    def __init__(self, env: Environment | Mapping[str, str] | None) -> None:
        # Not PostgresFactory.__init__: that builds a pool of the application's own.
        BaseInfrastructureFactory.__init__(self, env)  # type: ignore[arg-type]
        self.datastore = acquire(self.env)
        self._released = False

    def close(self) -> None:
        if not self._released:  # an application may be closed more than once
            self._released = True
            release(self.datastore)

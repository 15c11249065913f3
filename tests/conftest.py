"""Fixtures shared by the whole suite.

``settings`` and ``system`` are parametrised over SQLite and PostgreSQL: each
PostgreSQL test runs in a schema of its own, dropped afterwards. Without a
PostgreSQL server the PostgreSQL cases are skipped locally, but fail under
``CI=true``: CI must never pass without having run them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

import psycopg
import pytest

from infrastructure.settings import Settings
from interfaces.web import limits

# Rate limits are off in the suite (thousands of requests per app); a test that checks them
# turns them on for its own app (tests/interfaces/web/test_cors_and_rate_limits.py).
limits.RATE_LIMITS_ENABLED = False

if TYPE_CHECKING:
    from infrastructure.bootstrap import Dualtrack

TODAY = date(2026, 11, 23)
POSTGRES_URL = os.environ.get("DUALTRACK_TEST_DATABASE_URL",
                              "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_available() -> str | None:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except psycopg.Error as error:
        return str(error)


_POSTGRES_PROBLEM = _postgres_available()


def require_postgres() -> None:
    if _POSTGRES_PROBLEM is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI but not reachable: {_POSTGRES_PROBLEM}")
    pytest.skip(f"PostgreSQL not reachable: {_POSTGRES_PROBLEM}")


@pytest.fixture
def postgres_schema() -> Iterator[str]:
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def postgres_settings(schema: str) -> Settings:
    return Settings.from_env({"DATABASE_URL": POSTGRES_URL, "POSTGRES_SCHEMA": schema,
                              "DUALTRACK_DB_POOL_SIZE": "4"})


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return Settings.from_env({"DUALTRACK_DATA_DIR": str(tmp_path / "data")})
    schema = request.getfixturevalue("postgres_schema")
    return postgres_settings(schema)


@pytest.fixture
def system(settings: Settings) -> Iterator[Dualtrack]:
    from infrastructure.bootstrap import bootstrap

    with bootstrap(settings) as dualtrack:
        dualtrack.pin_today(lambda: TODAY)
        if settings.backend == "postgres":
            from infrastructure.migrations import migrate

            migrate(settings, dualtrack)  # the version a deployment's migrate records
        yield dualtrack

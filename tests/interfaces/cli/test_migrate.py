"""``dualtrack migrate``: the PostgreSQL tables are created once, under a lock, and the
long-running commands refuse a store that was not migrated."""

from __future__ import annotations

import os
import threading

import psycopg
import pytest

from infrastructure.migrations import SCHEMA_VERSION, migrate, schema_version
from infrastructure.settings import Settings
from interfaces.cli import main
from tests.conftest import POSTGRES_URL, postgres_settings

pytestmark = pytest.mark.postgres


@pytest.fixture
def fresh(postgres_schema: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """An empty PostgreSQL schema, and the environment pointing at it only."""
    for key in list(os.environ):
        if key == "DATABASE_URL" or key.startswith(("POSTGRES_", "DUALTRACK_")):
            monkeypatch.delenv(key)
    settings = postgres_settings(postgres_schema)
    for key, value in settings.postgres.items():
        monkeypatch.setenv(key, value)
    return settings


def tables(schema: str) -> set[str]:
    with psycopg.connect(POSTGRES_URL) as conn:
        rows = conn.execute("SELECT table_name FROM information_schema.tables WHERE "
                            "table_schema = %s", (schema,)).fetchall()
    return {row[0] for row in rows}


def test_the_long_running_commands_refuse_a_store_that_was_not_migrated(
        fresh: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    schema = fresh.postgres["POSTGRES_SCHEMA"]
    assert main(["projections", "status"]) == 1
    assert "run `dualtrack migrate`" in capsys.readouterr().err
    assert main(["serve", "--port", "0"]) == 1
    assert "run `dualtrack migrate`" in capsys.readouterr().err
    assert tables(schema) == set()  # nothing was created by the refusals


def test_migrate_creates_every_table_records_the_version_and_runs_again_harmlessly(
        fresh: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    schema = fresh.postgres["POSTGRES_SCHEMA"]
    assert main(["migrate"]) == 0
    assert f"schema version 0 -> {SCHEMA_VERSION}" in capsys.readouterr().err
    created = tables(schema)
    assert {"dualtrack_schema", "agreements_events", "agreements_snapshots",
            "participants_events", "agreements_event_hashes", "agreements_event_hashes_origin",
            "seals", "idempotency_keys"} <= created
    assert "idempotency_events" not in created  # the keys are not events any more
    assert any(name.startswith("views_") for name in created)
    assert schema_version(fresh) == SCHEMA_VERSION

    assert main(["migrate"]) == 0
    assert f"already at schema version {SCHEMA_VERSION}" in capsys.readouterr().err
    assert tables(schema) == created
    assert main(["projections", "status"]) == 0


def test_four_migrations_started_together_all_succeed(fresh: Settings) -> None:
    errors: list[BaseException] = []

    def one() -> None:
        try:
            migrate(fresh)
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert schema_version(fresh) == SCHEMA_VERSION


def test_a_store_newer_than_the_code_is_refused(fresh: Settings,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    migrate(fresh)
    schema = fresh.postgres["POSTGRES_SCHEMA"]
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'INSERT INTO "{schema}".dualtrack_schema (version) VALUES (%s)',
                     (SCHEMA_VERSION + 1,))
    assert main(["projections", "status"]) == 1
    assert "newer than this code" in capsys.readouterr().err

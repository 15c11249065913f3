"""Settings: the one reader of the environment, and what it hands each application."""

from __future__ import annotations

from pathlib import Path

import pytest

from application.participants.service import Participants
from infrastructure.settings import Settings


def test_with_nothing_configured_each_application_gets_its_own_sqlite_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.backend == "sqlite"
    env = settings.app_env("participants")
    assert env["PERSISTENCE_MODULE"] == "infrastructure.history.recorders:ChainedSQLiteFactory"
    assert Path(env["SQLITE_DBNAME"]) == Path("dualtrack-data") / "participants.sqlite"
    assert settings.app_env("agreements")["SQLITE_DBNAME"] != env["SQLITE_DBNAME"]


def test_the_numbers_of_the_rules_come_from_the_environment() -> None:
    settings = Settings.from_env({
        "DUALTRACK_DATA_DIR": "/srv/dualtrack", "DUALTRACK_MENTOR_MAX_TRAINEES": "3",
        "DUALTRACK_CREDIT_MIN_MONTHS": "5", "DUALTRACK_CREDIT_MAX_MONTHS": "24",
        "DUALTRACK_WEB_WORKERS": "8",
    })
    assert settings.data_dir == Path("/srv/dualtrack")
    assert (settings.mentor_max_trainees, settings.credit_min_months,
            settings.credit_max_months, settings.web_workers) == (3, 5, 24, 8)


def test_database_url_selects_postgresql_with_its_parts_decoded() -> None:
    settings = Settings.from_env(
        {"DATABASE_URL": "postgresql://dual%40track:p%3Ass@db.example:6543/registry"})
    assert settings.backend == "postgres"
    assert dict(settings.postgres) == {
        "POSTGRES_HOST": "db.example", "POSTGRES_PORT": "6543", "POSTGRES_USER": "dual@track",
        "POSTGRES_PASSWORD": "p:ss", "POSTGRES_DBNAME": "registry",
    }
    env = settings.app_env("participants")
    assert env["PERSISTENCE_MODULE"] == "infrastructure.pool:SharedPostgresFactory"
    assert (env["DUALTRACK_DB_POOL_SIZE"], env["DUALTRACK_DB_POOL_TIMEOUT"]) == ("8", "5.0")


def test_the_pool_size_is_one_setting_and_must_be_positive() -> None:
    settings = Settings.from_env({"DATABASE_URL": "postgresql://x@db/y",
                                  "DUALTRACK_DB_POOL_SIZE": "3",
                                  "DUALTRACK_DB_POOL_TIMEOUT": "0.5"})
    assert (settings.db_pool_size, settings.db_pool_timeout) == (3, 0.5)
    with pytest.raises(ValueError, match="DUALTRACK_DB_POOL_SIZE must be at least 2"):
        Settings.from_env({"DATABASE_URL": "postgresql://x@db/y",
                           "DUALTRACK_DB_POOL_SIZE": "1"})


def test_postgres_variables_override_the_parts_of_database_url() -> None:
    settings = Settings.from_env({
        "DATABASE_URL": "postgresql://dualtrack:secret@postgres:5432/dualtrack",
        "POSTGRES_HOST": "replica", "POSTGRES_SCHEMA": "audit",
    })
    assert settings.postgres["POSTGRES_HOST"] == "replica"
    assert settings.postgres["POSTGRES_USER"] == "dualtrack"
    assert settings.postgres["POSTGRES_SCHEMA"] == "audit"


def test_postgres_variables_alone_select_postgresql_with_local_defaults() -> None:
    settings = Settings.from_env({"POSTGRES_DBNAME": "dualtrack"})
    assert settings.backend == "postgres"
    assert (settings.postgres["POSTGRES_HOST"], settings.postgres["POSTGRES_PORT"]) == (
        "127.0.0.1", "5432")


def test_a_database_url_of_another_kind_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="DATABASE_URL"):
        Settings.from_env({"DATABASE_URL": "mysql://root@localhost/dualtrack"})


def test_a_cipher_key_turns_on_encryption_at_rest() -> None:
    env = Settings.from_env({"DUALTRACK_CIPHER_KEY": "k" * 44}).app_env("participants")
    assert env["CIPHER_TOPIC"] == "infrastructure.encryption:BoundAESCipher"
    assert env["MAPPER_TOPIC"] == "infrastructure.encryption:BoundMapper"


def test_postgres_enable_db_functions_is_never_passed_to_an_application() -> None:
    settings = Settings.from_env({
        "DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test",
        "POSTGRES_ENABLE_DB_FUNCTIONS": "y",
    })
    assert "POSTGRES_ENABLE_DB_FUNCTIONS" not in settings.app_env("participants")


def test_an_application_ignores_the_process_environment(
        settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # Were os.environ merged in (the library's default), these would switch the
    # store and let subscribers skip events under concurrent writers.
    monkeypatch.setenv("POSTGRES_ENABLE_DB_FUNCTIONS", "y")
    monkeypatch.setenv("PERSISTENCE_MODULE", "eventsourcing.popo")
    app = Participants(settings.app_env(Participants.name))
    try:
        assert app.env.get("POSTGRES_ENABLE_DB_FUNCTIONS") is None
        assert app.env.get("PERSISTENCE_MODULE") == settings.app_env(Participants.name)[
            "PERSISTENCE_MODULE"] != "eventsourcing.popo"
        # The library's recorder for the backend, keeping the event chain too.
        assert type(app.recorder).__mro__[1].__module__ == f"eventsourcing.{settings.backend}"
    finally:
        app.close()

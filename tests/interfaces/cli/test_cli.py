"""The ``dualtrack`` command line, run in-process against the ``settings`` fixture's store.

The command line reads its configuration from the environment only, so each test
points the environment at the store that the fixture prepared (a temporary SQLite
directory or a PostgreSQL schema of its own).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from domain.shared.audit import Role
from infrastructure.bootstrap import bootstrap
from infrastructure.migrations import migrate
from infrastructure.settings import Settings
from interfaces.cli import main, worker_count

COLLEGE_BIN = "220940000007"
TRAINEE_IIN = "050315500004"


@pytest.fixture
def store(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Point the environment at ``settings``' store, and at nothing else."""
    for key in list(os.environ):
        if key == "DATABASE_URL" or key.startswith(("POSTGRES_", "DUALTRACK_")):
            monkeypatch.delenv(key)
    if settings.backend == "postgres":
        for key, value in settings.postgres.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setenv("DUALTRACK_DB_POOL_SIZE", str(settings.db_pool_size))
        migrate(settings)  # as a deployment does once, before serve or projections run
    else:
        monkeypatch.setenv("DUALTRACK_DATA_DIR", str(settings.data_dir))
    assert Settings.from_env() == settings
    return settings


def test_help_lists_every_command() -> None:
    dualtrack = Path(sys.executable).parent / "dualtrack"
    command = [str(dualtrack)] if dualtrack.exists() else [sys.executable, "-m", "interfaces.cli"]
    result = subprocess.run([*command, "--help"], capture_output=True, text=True, check=True)
    listed = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("    ")}
    assert {"serve", "token", "demo", "projections", "audit", "info"} <= listed


def test_serve_help_explains_why_sqlite_gets_one_worker(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--help"])
    assert exit_.value.code == 0
    assert "one worker process with threads" in capsys.readouterr().out


def test_serve_runs_one_worker_on_sqlite_and_the_configured_number_on_postgresql() -> None:
    sqlite = Settings.from_env({"DUALTRACK_WEB_WORKERS": "6"})
    postgres = Settings.from_env({"DATABASE_URL": "postgresql://db/dualtrack",
                                  "DUALTRACK_WEB_WORKERS": "6"})
    assert (worker_count(sqlite, None), worker_count(postgres, None)) == (1, 6)
    assert worker_count(sqlite, 3) == 3


@pytest.mark.parametrize(("role", "scope", "subject"), [
    (Role.COLLEGE, ["--bin", COLLEGE_BIN], COLLEGE_BIN),
    (Role.TRAINEE, ["--iin", TRAINEE_IIN], TRAINEE_IIN),
    (Role.MONITOR, ["--region", "35"], "35"),
    (Role.AUDITOR, [], None),
])
def test_token_create_prints_only_a_token_that_authenticates_as_that_role(
        store: Settings, capsys: pytest.CaptureFixture[str], role: Role, scope: list[str],
        subject: str | None) -> None:
    assert main(["token", "create", "--role", role.value, *scope, "--label", "test"]) == 0
    printed = capsys.readouterr()
    token = printed.out.strip()
    assert printed.out == f"{token}\n" and " " not in token
    assert "only this once" in printed.err
    with bootstrap(store) as system:
        principal = system.participants.authenticate(token, "test")
    assert principal is not None
    assert (principal.role, principal.subject) == (role, subject)


def test_token_create_expires_in_90_days_by_default_and_list_shows_ids_never_secrets(
        store: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--role", "auditor", "--label", "inspector"]) == 0
    token = capsys.readouterr().out.strip()
    assert main(["token", "create", "--role", "admin", "--expires-in", "0"]) == 0
    capsys.readouterr()
    assert main(["token", "list"]) == 0
    out = capsys.readouterr().out
    assert token not in out
    rows = [line.split() for line in out.splitlines()[1:]]
    assert [row[1] for row in rows] == ["auditor", "admin"]
    auditor = rows[0]
    expires = date.fromisoformat(auditor[5])
    assert expires - date.fromisoformat(auditor[3]) in (timedelta(days=90), timedelta(days=91))
    assert rows[1][5] == "never" and auditor[-2:] == ["valid", "inspector"]

    assert main(["token", "revoke", "--id", auditor[0], "--reason", "done"]) == 0
    capsys.readouterr()
    with bootstrap(store) as system:
        assert system.participants.authenticate(token, "test") is None
    assert main(["token", "list"]) == 0
    assert " revoked " in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["token", "create", "--role", "admin", "--expires-in", "-1"])
    assert usage.value.code == 2


def test_token_revoke_refuses_the_token_from_then_on(
        store: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--role", "auditor"]) == 0
    token = capsys.readouterr().out.strip()
    assert main(["token", "revoke", token, "--reason", "left the inspection"]) == 0
    assert "auditor token revoked" in capsys.readouterr().err
    with bootstrap(store) as system:
        assert system.participants.authenticate(token, "test") is None
    assert main(["token", "revoke", token, "--reason", "again"]) == 0
    assert "already revoked" in capsys.readouterr().err
    assert main(["token", "revoke", "nobody-has-this", "--reason", "x"]) == 1
    assert "no such token" in capsys.readouterr().err


def test_a_bad_bin_exits_2_naming_the_field_and_the_rule_without_a_traceback(
        store: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--role", "college", "--bin", "220940000008"]) == 2
    printed = capsys.readouterr()
    assert printed.out == ""
    assert "field: bin" in printed.err and "rule: check_digit" in printed.err
    assert "Traceback" not in printed.err


def test_a_college_token_without_a_bin_is_refused(
        store: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "create", "--role", "college"]) == 2
    assert "rule: required" in capsys.readouterr().err


def test_info_names_the_backend_and_each_application_position(
        store: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    main(["token", "create", "--role", "admin"])
    capsys.readouterr()
    assert main(["info"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"backend: {store.describe()}"
    positions = dict(line.split(": last notification ") for line in lines[1:])
    assert list(positions) == ["participants", "agreements", "mentor_payments", "work_experience",
                              "reimbursement", "patronage", "targeted_training", "intake"]
    assert int(positions["participants"]) >= 1


def test_a_malformed_database_url_is_a_configuration_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://somewhere/db")
    assert main(["info"]) == 2
    assert "DATABASE_URL" in capsys.readouterr().err


def test_version_names_the_installed_release(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"dualtrack {version('dualtrack')}"

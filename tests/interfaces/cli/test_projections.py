"""``dualtrack projections run|rebuild|status`` and ``dualtrack audit verify``, on SQLite
and PostgreSQL, with the environment pointed at the ``settings`` fixture's store.

Tampering goes behind the applications' back, with plain SQL on the store's own
tables: that is what ``audit verify`` exists to catch.
"""

from __future__ import annotations

import logging
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import IO, Any

import psycopg
import pytest

from domain.agreements.agreement import DualTrainingAgreement
from infrastructure.settings import Settings
from infrastructure.views.postgres_store import conninfo
from interfaces.cli import main
from tests.application.agreements.fixtures import COLLEGE_BIN, draft_agreement, sign_all
from tests.interfaces.cli.test_cli import store  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def signed(system: Any, store: Settings) -> DualTrainingAgreement:  # noqa: F811
    """Two organisations and an agreement with several versions, views not yet caught up."""
    return sign_all(system, draft_agreement(system))


def run_sql(settings: Settings, sqlite_file: str, statement: str, *params: object) -> int:
    """One statement on the store, past the applications; how many rows it changed."""
    if settings.backend == "sqlite":
        with closing(sqlite3.connect(settings.data_dir / sqlite_file)) as connection:
            with connection:
                return connection.execute(statement.replace("%s", "?"), params).rowcount
    with psycopg.connect(conninfo(settings.postgres), autocommit=True) as connection:
        connection.execute(f'SET search_path TO "{settings.postgres["POSTGRES_SCHEMA"]}"')
        return connection.execute(statement, params).rowcount  # type: ignore[arg-type]


def tamper_college_name(settings: Settings) -> None:
    assert run_sql(settings, "views.sqlite", "UPDATE views_organisations SET name = %s "
                   "WHERE bin = %s", "Tampered", COLLEGE_BIN) == 1


def status_table(out: str) -> dict[str, tuple[int, int, int]]:
    rows = [line.split() for line in out.splitlines()[1:]]
    return {row[0]: (int(row[1]), int(row[2]), int(row[3])) for row in rows}


def test_status_prints_each_source_position_head_and_lag(
        signed: DualTrainingAgreement, system: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["projections", "status"]) == 0

    table = status_table(capsys.readouterr().out)
    agreements_head = system.agreements.recorder.max_notification_id()
    assert table["agreements"] == (0, agreements_head, agreements_head)
    assert set(table) == {"participants", "agreements", "mentor_payments", "work_experience",
                          "reimbursement", "patronage", "targeted_training"}


def test_run_once_applies_what_is_pending_logging_each_batch_then_exits(
        signed: DualTrainingAgreement, system: Any, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    caplog.set_level(logging.INFO, logger="dualtrack.projections")
    head = system.agreements.recorder.max_notification_id()

    assert main(["projections", "run", "--once", "--batch-size", "2"]) == 0

    batches = [m for m in caplog.messages if m.startswith("agreements: applying")]
    assert len(batches) >= 2 and batches[-1].endswith(f"up to position {head}")
    assert "agreements at 0 of" in caplog.messages[0]
    assert caplog.messages[-1].startswith("stopped; ") and "agreements at" in caplog.messages[-1]
    capsys.readouterr()
    main(["projections", "status"])
    assert all(lag == 0 for _, _, lag in status_table(capsys.readouterr().out).values())


def test_rebuild_restores_a_tampered_view_from_the_first_event_with_a_progress_bar(
        signed: DualTrainingAgreement, store: Settings,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    main(["projections", "run", "--once"])
    tamper_college_name(store)

    assert main(["projections", "rebuild"]) == 0

    printed = capsys.readouterr()
    assert "100.0%" in printed.err and "rebuilt every view" in printed.out
    assert main(["audit", "verify"]) == 0


def test_audit_verify_passes_a_consistent_store_checking_every_event_chain(
        signed: DualTrainingAgreement, capsys: pytest.CaptureFixture[str]) -> None:
    main(["projections", "run", "--once"])
    capsys.readouterr()

    assert main(["audit", "verify"]) == 0

    out = capsys.readouterr().out
    assert "event chain agreements: " in out and "unbroken" in out and "break" not in out
    assert "views verified: identical to a rebuild" in out


def test_audit_verify_exits_1_naming_a_view_row_edited_by_hand(
        signed: DualTrainingAgreement, store: Settings,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    main(["projections", "run", "--once"])
    tamper_college_name(store)
    capsys.readouterr()

    assert main(["audit", "verify"]) == 1

    out = capsys.readouterr().out
    assert f"organisations[{COLLEGE_BIN}].name: live 'Tampered'" in out
    assert "1 difference(s)" in out


def test_audit_verify_exits_1_naming_an_aggregate_whose_first_event_was_deleted(
        signed: DualTrainingAgreement, store: Settings,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    main(["projections", "run", "--once"])
    # Each backend keeps the id in its own way: SQLite as 32 hex digits, PostgreSQL a UUID.
    events, originator = (("stored_events", signed.id.hex) if store.backend == "sqlite"
                          else ("agreements_events", str(signed.id)))
    if store.backend == "sqlite":  # past the append-only trigger, as one with the file can
        run_sql(store, "agreements.sqlite", "DROP TRIGGER stored_events_no_delete")
    assert run_sql(store, "agreements.sqlite", f"DELETE FROM {events} WHERE originator_id = %s "
                   "AND originator_version = 1", originator) == 1
    capsys.readouterr()

    assert main(["audit", "verify"]) == 1

    out = capsys.readouterr().out
    assert f"aggregate {signed.id} " in out and "has version 2 where 1 was due" in out
    assert f"aggregate {signed.id} version 1 has a hash but no event: deleted" in out
    assert "event chain agreements: " in out and "2 break(s)" in out


def test_views_made_by_another_version_fail_status_and_are_rebuilt_by_run(
        signed: DualTrainingAgreement, store: Settings,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    main(["projections", "run", "--once"])
    run_sql(store, "views.sqlite", "UPDATE views_schema SET fingerprint = %s", "older")

    assert main(["projections", "status"]) == 1
    assert "run 'dualtrack projections rebuild'" in capsys.readouterr().err
    assert main(["projections", "run", "--once"]) == 0
    assert main(["projections", "status"]) == 0


def test_projections_and_audit_without_a_subcommand_are_bad_usage() -> None:
    for argv in (["projections"], ["audit"], ["projections", "run", "--batch-size", "0"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2, argv


@pytest.fixture
def worker(signed: DualTrainingAgreement) -> Iterator[subprocess.Popen[str]]:
    """``dualtrack projections run`` as its own process (killed after 60 s, whatever happens)."""
    process = subprocess.Popen([sys.executable, "-m", "interfaces.cli", "projections", "run"],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        yield process
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
        process.wait()
        assert process.stderr is not None
        process.stderr.close()


def read_until(stream: IO[str] | None, *texts: str) -> list[str]:
    """Lines of ``stream`` up to one that holds every one of ``texts``."""
    assert stream is not None
    lines: list[str] = []
    while not lines or not all(text in lines[-1] for text in texts):
        line = stream.readline()
        assert line, f"the worker ended before logging {texts!r}: {''.join(lines)}"
        lines.append(line)
    return lines


def test_run_keeps_the_views_current_until_sigterm_then_stops_cleanly(
        worker: subprocess.Popen[str], system: Any) -> None:
    read_until(worker.stderr, "agreements: applying")
    draft_agreement(system)
    position = system.agreements.recorder.max_notification_id()

    read_until(worker.stderr, "agreements: applying", f"up to position {position}")
    worker.send_signal(signal.SIGTERM)

    assert worker.wait(timeout=30) == 0
    assert worker.stderr is not None
    rest = worker.stderr.read()
    assert "SIGTERM received" in rest and "stopped; " in rest and "Traceback" not in rest


def test_audit_seal_out_then_verify_against_the_file_finds_a_deleted_last_event(
        signed: DualTrainingAgreement, store: Settings, tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    main(["projections", "run", "--once"])
    seal_file = tmp_path / "seal.json"
    assert main(["audit", "seal", "--out", str(seal_file)]) == 0
    out = capsys.readouterr().out
    assert "agreements: last position" in out and "root " in out and seal_file.exists()
    assert main(["audit", "verify", "--seal", str(seal_file)]) == 0
    # The last event and its hash deleted, the views rebuilt: consistent inside the store.
    sqlite = store.backend == "sqlite"
    events, hashes, originator = (
        ("stored_events", "stored_event_hashes", signed.id.hex) if sqlite
        else ("agreements_events", "agreements_event_hashes", str(signed.id)))
    if sqlite:
        for table in (events, hashes):
            run_sql(store, "agreements.sqlite", f"DROP TRIGGER {table}_no_delete")
    for table in (events, hashes):
        assert run_sql(store, "agreements.sqlite", f"DELETE FROM {table} WHERE originator_id = "
                       "%s AND originator_version = %s", originator, signed.version) == 1
    main(["projections", "rebuild"])
    capsys.readouterr()

    assert main(["audit", "verify", "--seal", str(seal_file)]) == 1

    out = capsys.readouterr().out
    assert (f"aggregate {signed.id} version {signed.version} was sealed and is gone "
            f"(the store has version {signed.version - 1}): deleted") in out
    assert main(["audit", "verify"]) == 1  # the seal kept in the database says the same


def test_audit_seal_is_refused_while_a_chain_is_broken(
        signed: DualTrainingAgreement, store: Settings,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    events, originator = (("stored_events", signed.id.hex) if store.backend == "sqlite"
                          else ("agreements_events", str(signed.id)))
    if store.backend == "sqlite":
        run_sql(store, "agreements.sqlite", "DROP TRIGGER stored_events_no_update")
    run_sql(store, "agreements.sqlite", f"UPDATE {events} SET state = state || %s WHERE "
            "originator_id = %s AND originator_version = 1", b" ", originator)

    assert main(["audit", "seal"]) == 1

    err = capsys.readouterr().err
    assert "event chain agreements:1: " in err and "a broken chain is not sealed" in err

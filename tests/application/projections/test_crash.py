"""A projection worker killed with SIGKILL in the middle of a batch loses nothing and
doubles nothing: restarted, it gives views identical to a clean rebuild."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from domain.agreements.agreement import DualTrainingAgreement, Party
from domain.agreements.terms import Person, Terms
from domain.shared.audit import Actor, Role, acting_as
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN, compose_iin
from domain.shared.money import Money
from infrastructure.migrations import migrate
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    register_organisations,
)
from tests.application.projections.test_figures import snapshot
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[3]
# The worker, with a hook that reports each batch once it is applied and then holds the
# transaction open until the test answers: the test kills it inside a batch, for sure.
HELD_WORKER = """
import sys
from interfaces.cli import main

def hold(source, notifications):
    print("applied", source, notifications[0].id, notifications[-1].id, flush=True)
    sys.stdin.readline()

sys.exit(main(["projections", "run", "--batch-size", "5"], before_commit=hold))
"""
WORKER = "import sys; from interfaces.cli import main; sys.exit(main(['projections', 'run']))"


def fill(system, agreements: int = 40) -> None:
    """Many real events fast: agreements built through the domain, saved in one go."""
    register_organisations(system)
    built = []
    with acting_as(Actor(Role.COLLEGE, COLLEGE_BIN), "test-fill"):
        _build(built, agreements)
    system.agreements.save(*built)


def _build(built: list, agreements: int) -> None:
    for index in range(agreements):
        start = date(2025, 9, 1)
        trainee = compose_iin(date(2005, 1, 1 + index % 28), male=True, serial=3000 + index)
        agreement = DualTrainingAgreement.register(
            number=f"K-{index}", college_bin=BIN(COLLEGE_BIN), enterprise_bin=BIN(ENTERPRISE_BIN),
            region="35", trainee=Person(trainee, "Dana Akhmetova"), representative=None,
            terms=Terms("07150200", "Welder", DatePeriod(start, date(2026, 6, 30)), 8, "Shop"),
            today=TODAY)
        for party in (Party.COLLEGE, Party.ENTERPRISE, Party.TRAINEE):
            agreement.sign(party, TODAY)
        agreement.assign_mentor(IIN(MENTOR_IIN), start)
        agreement.record_safety_briefing(start, "Engineer", TODAY)
        agreement.record_practice_period(DatePeriod(start, start + timedelta(days=50)),
                                         "Assistant", "Welding", TODAY)
        for month in range(9, 13):
            agreement.record_compensation(Month(2025, month), Money(Decimal("85000.00")),
                                          f"PAY-{index}-{month}")
        built.append(agreement)


def environment(settings) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith(("POSTGRES_", "DATABASE_URL", "DUALTRACK_"))}
    if settings.backend == "postgres":
        migrate(settings)  # a deployment migrates once before running the projector
        return {**inherited, **settings.postgres}
    return {**inherited, "DUALTRACK_DATA_DIR": str(settings.data_dir)}


def start(code: str, settings) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=environment(settings),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.fixture
def projections(system, settings) -> Iterator:
    opened = system.open_projections()
    opened.assist_reads = False  # this process only watches; the workers do the work
    try:
        yield opened
    finally:
        opened.close()


def test_a_worker_killed_mid_batch_and_restarted_gives_the_views_of_a_clean_rebuild(
        system, settings, projections):
    fill(system)
    head = system.agreements.recorder.max_notification_id()
    worker = start(HELD_WORKER, settings)
    committed: dict[str, int] = {}
    try:
        while True:
            line = worker.stdout.readline()
            assert line, f"the worker ended early: {worker.stderr.read()}"
            _, source, first, last = line.split()
            if source == "agreements" and int(last) > head // 2:
                break  # this batch is applied but not committed: kill it now
            committed[source] = int(last)
            worker.stdin.write("\n")
            worker.stdin.flush()
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == -signal.SIGKILL

    # Nothing of the killed batch is kept, everything before it is.
    assert projections.store.positions()["agreements"] == committed["agreements"] < int(first)
    assert projections.verify() == []

    restarted = start(WORKER, settings)
    try:
        caught_up = projections.wait_for({s.source: s.head for s in projections.status()},
                                         timeout=60)
        restarted.send_signal(signal.SIGTERM)
        assert restarted.wait(timeout=30) == 0, restarted.stderr.read()
    finally:
        if restarted.poll() is None:
            restarted.kill()
    assert caught_up
    live = snapshot(projections)
    projections.rebuild()
    assert snapshot(projections) == live
    assert sum(row["compensation_total"] for row in live["agreements"]) == \
        Decimal("340000.00") * 40

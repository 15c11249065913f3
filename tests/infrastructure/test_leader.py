"""One projector leads at a time, by a PostgreSQL advisory lock; another takes over when
it stops or is killed, and the views end equal to a clean rebuild."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from infrastructure.bootstrap import Dualtrack, bootstrap
from infrastructure.migrations import migrate
from infrastructure.settings import Settings
from infrastructure.views import elected_projector
from infrastructure.views.leader import ElectedProjector, projector_state
from infrastructure.views.postgres_store import conninfo
from tests.application.agreements.fixtures import draft_agreement, register_organisations
from tests.conftest import TODAY, postgres_settings

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def eventually(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def store(postgres_schema: str) -> Iterator[tuple[Settings, Dualtrack]]:
    settings = postgres_settings(postgres_schema)
    migrate(settings)
    with bootstrap(settings) as system:
        system.pin_today(lambda: TODAY)
        register_organisations(system)
        yield settings, system


def state(settings: Settings) -> dict[str, object]:
    with psycopg.connect(conninfo(settings.postgres), autocommit=True) as connection:
        return projector_state(connection, settings.postgres["POSTGRES_SCHEMA"])


def caught_up(system: Dualtrack) -> Callable[[], bool]:
    watcher = system.open_projections()
    watcher.assist_reads = False

    def check() -> bool:
        return all(s.lag == 0 for s in watcher.status())
    check.close = watcher.close  # type: ignore[attr-defined]
    return check


def test_of_two_projector_threads_one_leads_and_the_other_takes_over_when_it_stops(
        store: tuple[Settings, Dualtrack]) -> None:
    settings, system = store
    first_views, second_views = system.open_projections(), system.open_projections()
    first = elected_projector(settings, first_views)
    second = elected_projector(settings, second_views)
    first.retry = second.retry = 0.2
    current = caught_up(system)
    try:
        first.start()
        assert eventually(first.leading.is_set)
        second.start()
        draft_agreement(system, number="L-1")
        assert eventually(current)
        time.sleep(0.5)
        assert first.leading.is_set() and not second.leading.is_set()
        assert state(settings)["leader_present"] is True

        first.stop()
        assert eventually(second.leading.is_set, timeout=5)
        draft_agreement(system, number="L-2")
        assert eventually(current)
        assert second_views.verify() == []
    finally:
        first.stop()
        second.stop()
        current.close()  # type: ignore[attr-defined]
        first_views.close()
        second_views.close()
    assert eventually(lambda: state(settings)["leader_present"] is False)


def test_a_failing_batch_is_retried_and_recorded_for_readiness(
        store: tuple[Settings, Dualtrack]) -> None:
    settings, system = store
    views = system.open_projections()
    calls = {"n": 0}
    real = views.catch_up

    def flaky(timeout: float | None = None) -> dict[str, int]:
        calls["n"] += 1
        if calls["n"] <= 2:
            raise RuntimeError("PostgreSQL refused the batch")
        return real(timeout)

    views.catch_up = flaky  # type: ignore[method-assign]
    projector = ElectedProjector(conninfo(settings.postgres),
                                 settings.postgres["POSTGRES_SCHEMA"], [], views,
                                 retry=0.2, max_backoff=0.2)
    try:
        projector.start()
        assert eventually(lambda: state(settings).get("failures") == 1, timeout=5)
        assert "refused the batch" in str(state(settings)["last_error"])
        assert eventually(lambda: state(settings).get("failures") == 0, timeout=10)
        assert state(settings)["last_error"] is None and calls["n"] >= 3
    finally:
        projector.stop()
        views.close()


def _projector_process(settings: Settings) -> subprocess.Popen[str]:
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith(("POSTGRES_", "DATABASE_URL", "DUALTRACK_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "interfaces.cli", "projections", "run"], cwd=ROOT,
        env={**inherited, **settings.postgres}, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)


def test_kill_9_of_the_leading_process_lets_another_lead_and_the_views_match_a_rebuild(
        store: tuple[Settings, Dualtrack]) -> None:
    settings, system = store
    current = caught_up(system)
    leader = _projector_process(settings)
    follower: subprocess.Popen[str] | None = None
    try:
        assert eventually(lambda: state(settings)["leader_present"] is True, timeout=30)
        follower = _projector_process(settings)
        draft_agreement(system, number="K-1")
        assert eventually(current, timeout=30)
        assert state(settings)["leader"].endswith(f":{leader.pid}")  # type: ignore[union-attr]

        os.kill(leader.pid, signal.SIGKILL)
        leader.wait(timeout=30)
        for n in range(2, 6):
            draft_agreement(system, number=f"K-{n}")
        assert eventually(
            lambda: str(state(settings).get("leader", "")).endswith(f":{follower.pid}"),
            timeout=10)
        assert eventually(current, timeout=30)
        views = system.open_projections()
        try:
            assert views.verify() == []
        finally:
            views.close()
    finally:
        current.close()  # type: ignore[attr-defined]
        for process in (leader, follower):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()

"""A database outage under write load, on a private PostgreSQL cluster of this test's own
(never the shared server): while it is down every request is a quick 503, when it is back
the service recovers without a restart, and no acknowledged write is lost."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest

from application.security import Principal
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, compose_bin
from infrastructure.bootstrap import bootstrap
from infrastructure.migrations import migrate
from infrastructure.settings import Settings
from interfaces.web import create_app
from tests.application.participants.builders import token_for

pytestmark = pytest.mark.postgres


def _bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_postgres(command: list[str]) -> list[str]:
    # initdb and the server refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    bin_dir: Path
    data: Path
    port: int

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(_as_postgres([str(self.bin_dir / "pg_ctl"), "-D", str(self.data),
                                     "-w", "-t", "30", *args]),
                       check=True, capture_output=True)

    def start(self) -> None:
        self.pg_ctl("-o", f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1",
                    "-l", str(self.data / "server.log"), "start")

    def stop(self) -> None:
        self.pg_ctl("-m", "immediate", "stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("initdb is required in CI for the outage test")
        pytest.skip("no initdb on this machine")
    root = Path(tempfile.mkdtemp(prefix="dualtrack-outage-"))
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(data, "postgres")
    subprocess.run(_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust",
                                 "-U", "postgres", "--no-sync"]),
                   check=True, capture_output=True)
    running = Cluster(bin_dir, data, _free_port())
    running.start()
    try:
        yield running
    finally:
        try:
            running.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Load:
    acknowledged: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    slowest_while_down: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def test_an_outage_answers_503_quickly_recovers_by_itself_and_loses_no_acknowledged_write(
        cluster: Cluster) -> None:
    settings = replace(Settings.from_env({
        "DATABASE_URL": f"postgresql://postgres@127.0.0.1:{cluster.port}/postgres"}),
        db_pool_size=4, db_pool_timeout=1.0)
    migrate(settings)
    with bootstrap(settings) as system:
        admin = system.participants.issue_token(Principal(Role.ADMIN), token_for("admin"))
        app = create_app(system, settings=settings)
        load, down, stop = Load(), threading.Event(), threading.Event()

        def writer(index: int) -> None:
            client, n = app.test_client(), 0
            while not stop.is_set():
                bin_ = compose_bin(2010, 1 + index, serial=n * 10 + 1).value
                n += 1
                started = time.monotonic()
                answer = client.post("/api/v1/organisations", json={
                    "bin": bin_, "name": f"Outage {bin_}", "kind": "college", "region": "35"},
                    headers={"Authorization": f"Bearer {admin}"})
                took = time.monotonic() - started
                with load.lock:
                    load.statuses[answer.status_code] = load.statuses.get(
                        answer.status_code, 0) + 1
                    if answer.status_code == 201:
                        load.acknowledged.append(bin_)
                    if down.is_set():
                        load.slowest_while_down = max(load.slowest_while_down, took)
                time.sleep(0.01)

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        before = len(load.acknowledged)
        cluster.stop()
        down.set()
        time.sleep(3.0)
        down.clear()
        cluster.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(load.acknowledged) < before + 20:
            time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        app.extensions["dualtrack"].close()

    assert before > 0 and len(load.acknowledged) >= before + 20  # it recovered by itself
    assert set(load.statuses) <= {201, 503}, load.statuses  # never a 500, never a hang
    assert load.statuses.get(503, 0) > 0
    assert load.slowest_while_down < 6.0  # the pool timeout, not ten library retries
    with bootstrap(settings) as reopened:
        missing = [b for b in load.acknowledged
                   if reopened.participants.find_organisation(BIN.parse(b)) is None]
    assert missing == []

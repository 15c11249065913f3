"""A real gunicorn server for tests, and a plain HTTP client for talking to it.

The server runs in a subprocess of its own session on a free 127.0.0.1 port, is
given a bounded time to start, and is always stopped: SIGTERM to the master, then
SIGKILL to its process group (its workers) if it has not gone within a few seconds.

gunicorn is started directly (``interfaces.web.wsgi:app()``, gthread workers, no
preload, as ``dualtrack serve`` does) rather than through ``dualtrack serve``, so
that the access log can name the worker process that answered each request: a test
that means to exercise several processes can check that it did.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[3]
HOST = "127.0.0.1"
# Worker pid, method, path, status: one line per request.
ACCESS_LOG_FORMAT = 'access pid=%(p)s "%(m)s %(U)s" %(s)s'
# The parent's store configuration must not leak into the server: only ``env`` counts.
_INHERITED_PREFIXES = ("DATABASE_URL", "POSTGRES_", "DUALTRACK_")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text) if self.text else None

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    pids: set[str] = field(default_factory=set)

    def call(self, method: str, path: str, *, token: str | None = None, body: Any = None,
             headers: Mapping[str, str] | None = None, timeout: float = 15.0) -> Answer:
        """One request on a fresh connection (so that any worker may take it)."""
        sent = {"Connection": "close", **(headers or {})}
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        payload = None
        if body is not None:
            payload = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=payload, headers=sent)
            response = connection.getresponse()
            text = response.read().decode()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                          text)
        finally:
            connection.close()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def worker_pids(self, request: str) -> set[str]:
        """The worker processes that answered ``request`` (``"POST /api/v1/agreements"``)."""
        return {line.split()[1].removeprefix("pid=").strip("<>")
                for line in self.log().splitlines()
                if line.startswith("access pid=") and f'"{request}"' in line}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _child_env(env: Mapping[str, str]) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(_INHERITED_PREFIXES)}
    # No rate limits unless the test's env sets one: load tests send many requests.
    return {**inherited, "DUALTRACK_RATE_LIMIT": "off", **env, "PYTHONUNBUFFERED": "1"}


def _command(port: int, workers: int, threads: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "--bind", f"{HOST}:{port}",
            "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
            "--timeout", "30", "--graceful-timeout", "5",
            "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT,
            "--error-logfile", "-", "interfaces.web.wsgi:app()"]


@contextmanager
def gunicorn_server(env: Mapping[str, str], *, workers: int = 2, threads: int = 4,
                    startup_seconds: float = 30.0) -> Iterator[Server]:
    """A running server whose store is configured by ``env`` alone; stopped on exit."""
    log_file = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)
    log_path = Path(log_file.name)
    port = free_port()
    process = subprocess.Popen(_command(port, workers, threads), cwd=PROJECT_ROOT,
                               env=_child_env(env), stdout=log_file, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    log_file.close()
    server = Server(port, process, log_path)
    try:
        _wait_until_ready(server, startup_seconds)
        yield server
    finally:
        _stop(process)
        log_path.unlink(missing_ok=True)


def _wait_until_ready(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}:\n"
                               f"{server.log()[-3000:]}")
        try:
            if server.call("GET", "/readyz", timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer /readyz within {seconds:.0f} s:\n"
                       f"{server.log()[-3000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return  # it died (its workers notice and exit; _wait_until_ready said why)
    process.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        process.wait(timeout=10)
        return
    except subprocess.TimeoutExpired:
        pass
    # Not yet reaped, so the group id is still ours: the master and its workers.
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)

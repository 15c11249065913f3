"""HTTP command throughput next to raw PostgreSQL inserts, in one run.

    .venv/bin/python scripts/bench_commands.py [--seconds 15] [--clients 8] [--workers 1 4]
                                               [--events 1000] [--json]

On a scratch schema in the database of DUALTRACK_TEST_DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432/test), dropped at the end, it measures:

* raw baseline: ``--clients`` threads, each with its own psycopg connection, inserting one
  row of the size of a stored ``Registered`` event per transaction (the floor: one round
  trip, one commit);
* ``POST /api/v1/agreements`` from ``--clients`` threads against ``dualtrack serve`` with
  each ``--workers`` count (gunicorn, gthread, 4 threads), keep-alive connections, first
  without and then with an ``Idempotency-Key``; commands/s, p50/p99 latency, errors;
* ``GET`` of one agreement with ``--events`` events (compensations), next to the raw read
  that is its floor (the latest snapshot row and the events after it).

Not a test: the figures depend on the machine. Each row prints its ratio to the baseline.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import psycopg  # noqa: TID251 - a tool beside the infrastructure, not part of the layers

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from application.agreements import commands as c  # noqa: E402
from application.participants.commands import IssueToken, RegisterOrganisation  # noqa: E402
from application.security import Principal  # noqa: E402
from domain.agreements.records import Party  # noqa: E402
from domain.agreements.terms import Person  # noqa: E402
from domain.participants.aggregates import CollegeLeague, EnterpriseSize, OrganisationKind  # noqa: E402
from domain.shared.audit import Role  # noqa: E402
from domain.shared.calendar import DatePeriod, Month  # noqa: E402
from domain.shared.identifiers import BIN, compose_bin, compose_iin  # noqa: E402
from domain.shared.money import Money  # noqa: E402
from infrastructure.bootstrap import bootstrap  # noqa: E402
from infrastructure.migrations import migrate  # noqa: E402
from infrastructure.settings import Settings  # noqa: E402

POSTGRES_URL = os.environ.get("DUALTRACK_TEST_DATABASE_URL",
                              "postgresql://postgres@127.0.0.1:5432/test")
ADMIN = Principal(Role.ADMIN, correlation_id="bench")
COLLEGE_BIN = compose_bin(2009, 4, serial=17).value
ENTERPRISE_BIN = compose_bin(2011, 6, serial=23).value
TERM = (date(2027, 9, 1), date(2028, 6, 30))


@dataclass
class Figures:
    name: str
    done: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    # The first answer of each failing status, to say what went wrong.
    samples: dict[int, str] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    def as_dict(self, baseline: float | None) -> dict[str, Any]:
        return {"measure": self.name, "per_second": round(self.rate, 1),
                "p50_ms": round(self.percentile(0.50), 2),
                "p95_ms": round(self.percentile(0.95), 2),
                "p99_ms": round(self.percentile(0.99), 2), "errors": self.errors,
                "ratio": round(self.rate / baseline, 3) if baseline else None,
                "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
                "samples": {str(k): v for k, v in sorted(self.samples.items())}}


def run_clients(name: str, clients: int, seconds: float,
                work: Callable[[int, int], int]) -> Figures:
    """``clients`` threads call ``work(client, n)`` (returns a status) for ``seconds``."""
    figures = Figures(name)
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(index: int) -> None:
        n = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status = work(index, n)
            except Exception:  # noqa: BLE001 - counted as an error, the run goes on
                status = 599
            took = time.perf_counter() - started
            n += 1
            with lock:
                figures.statuses[status] = figures.statuses.get(status, 0) + 1
                if status < 400:
                    figures.done += 1
                    figures.latencies.append(took)
                else:
                    figures.errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.seconds = time.perf_counter() - started
    return figures


# the scratch store ------------------------------------------------------------------


@contextmanager
def scratch_schema() -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def settings_for(schema: str) -> Settings:
    return Settings.from_env({"DATABASE_URL": POSTGRES_URL, "POSTGRES_SCHEMA": schema})


def prepare(settings: Settings) -> str:
    """Migrates, registers the two organisations and issues a college token (returned)."""
    migrate(settings)
    with bootstrap(settings) as system:
        for bin_, kind, extra in (
                (COLLEGE_BIN, OrganisationKind.COLLEGE, {"league": CollegeLeague.LEADER}),
                (ENTERPRISE_BIN, OrganisationKind.ENTERPRISE,
                 {"size": EnterpriseSize.LARGE, "oked": "2410"})):
            system.participants.register_organisation(ADMIN, RegisterOrganisation(
                bin=BIN.parse(bin_), name=f"Bench {kind.value}", kind=kind, region="35",
                **extra))
        return system.participants.issue_token(
            ADMIN, IssueToken(Role.COLLEGE, BIN.parse(COLLEGE_BIN), "bench"))


def registration(number: str, serial: int) -> bytes:
    trainee = compose_iin(date(2006, 1 + serial % 12, 1 + serial % 28), male=serial % 2 == 0,
                          serial=serial % 9000 + 1).value
    return json.dumps({
        "number": number, "college_bin": COLLEGE_BIN, "enterprise_bin": ENTERPRISE_BIN,
        "trainee": {"iin": trainee, "full_name": "Dana Akhmetova"},
        "specialty_code": "07150200", "qualification": "Electric and gas welder",
        "start_date": TERM[0].isoformat(), "end_date": TERM[1].isoformat(),
        "planned_practice_months": 8, "workplace": "Welding shop No. 2"}).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(schema: str, workers: int, log: Any = None) -> Iterator[int]:
    port = free_port()
    # No rate limit: the benchmark is one client sending thousands of commands a minute.
    env = {**os.environ, "DATABASE_URL": POSTGRES_URL, "POSTGRES_SCHEMA": schema,
           "DUALTRACK_RATE_LIMIT": "off"}
    process = subprocess.Popen(
        [sys.executable, "-m", "interfaces.cli", "serve", "--port", str(port), "--workers",
         str(workers)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=log if log is not None else subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("dualtrack serve did not come up within 60 s")
        time.sleep(1.0)  # let every worker finish booting
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def http_commands(name: str, port: int, token: str, clients: int, seconds: float,
                  with_key: bool) -> Figures:
    connections: dict[int, http.client.HTTPConnection] = {}
    samples: dict[int, str] = {}
    run = uuid.uuid4().hex[:6]

    def work(client: int, n: int) -> int:
        conn = connections.get(client)
        if conn is None:
            conn = connections[client] = http.client.HTTPConnection("127.0.0.1", port,
                                                                     timeout=30)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        if with_key:
            headers["Idempotency-Key"] = f"{run}-{client}-{n}"
        try:
            conn.request("POST", "/api/v1/agreements",
                         registration(f"B{run}-{client}-{n}", client * 100_000 + n), headers)
            answer = conn.getresponse()
            body = answer.read()
        except (OSError, http.client.HTTPException):
            connections.pop(client, None)
            raise
        if answer.status >= 400:
            samples.setdefault(answer.status, body.decode(errors="replace")[:300])
        return answer.status

    figures = run_clients(name, clients, seconds, work)
    figures.samples = samples
    for conn in connections.values():
        conn.close()
    return figures


def raw_inserts(schema: str, clients: int, seconds: float) -> Figures:
    state = os.urandom(700)
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE TABLE "{schema}".raw_events (id bigserial PRIMARY KEY, '
                     "originator_id uuid NOT NULL, originator_version int NOT NULL, "
                     "topic text NOT NULL, state bytea NOT NULL, "
                     "UNIQUE (originator_id, originator_version))")
    connections = [psycopg.connect(POSTGRES_URL, autocommit=True) for _ in range(clients)]
    sql = (f'INSERT INTO "{schema}".raw_events (originator_id, originator_version, topic, '
           "state) VALUES (%s, 1, 'bench:Registered', %s)")

    def work(client: int, n: int) -> int:
        connections[client].execute(sql, (uuid.uuid4(), state))
        return 201

    try:
        return run_clients("raw one-row insert transactions", clients, seconds, work)
    finally:
        for conn in connections:
            conn.close()


def long_agreement_reads(settings: Settings, schema: str, events: int,
                         reads: int) -> tuple[Figures, Figures]:
    """GET of an agreement with ``events`` events, and the raw snapshot + tail read."""
    college, enterprise = Principal(Role.COLLEGE, COLLEGE_BIN), Principal(Role.ENTERPRISE,
                                                                          ENTERPRISE_BIN)
    with bootstrap(settings) as system:
        system.pin_today(lambda: date(2027, 9, 1))
        agreements = system.agreements
        trainee = compose_iin(date(2008, 3, 3), male=True, serial=4242)
        done = agreements.register(college, c.Register(
            number="LONG-1", college_bin=BIN.parse(COLLEGE_BIN),
            enterprise_bin=BIN.parse(ENTERPRISE_BIN),
            trainee=Person(trainee, "Long History"),
            specialty_code="07150200", qualification="Welder", term=DatePeriod(*TERM),
            planned_practice_months=8, workplace="Shop"))
        agreement_id = done.aggregate.id
        for party, who in ((Party.COLLEGE, college), (Party.ENTERPRISE, enterprise),
                           (Party.TRAINEE, Principal(Role.TRAINEE, trainee.value))):
            agreements.sign(who, c.Sign(agreement_id, party))
        n = 0
        while agreements.agreement_unchecked(agreement_id).version < events:
            month = Month(2027 + (8 + n % 10) // 12, (8 + n % 10) % 12 + 1)
            agreements.record_compensation(enterprise, c.RecordCompensation(
                agreement_id, month, Money.of(f"{1000 + n}.00"), f"PAY-{n}"))
            n += 1
        version = agreements.agreement_unchecked(agreement_id).version

        api = Figures(f"read one agreement of {version} events (application get)")
        for _ in range(reads):
            started = time.perf_counter()
            agreements.get(college, agreement_id)
            api.latencies.append(time.perf_counter() - started)
            api.done += 1
        api.seconds = sum(api.latencies)

    raw = Figures("raw read: latest snapshot + events after it")
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        for _ in range(reads):
            started = time.perf_counter()
            row = conn.execute(
                f'SELECT originator_version, state FROM "{schema}".agreements_snapshots '
                "WHERE originator_id = %s ORDER BY originator_version DESC LIMIT 1",
                (agreement_id,)).fetchone()
            after = row[0] if row else 0
            conn.execute(f'SELECT state FROM "{schema}".agreements_events WHERE '
                         "originator_id = %s AND originator_version > %s ORDER BY "
                         "originator_version", (agreement_id, after)).fetchall()
            raw.latencies.append(time.perf_counter() - started)
            raw.done += 1
        raw.seconds = sum(raw.latencies)
    return api, raw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--events", type=int, default=1000,
                        help="events of the long agreement read (0 skips it)")
    parser.add_argument("--reads", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--server-log", type=argparse.FileType("a"), metavar="FILE",
                        help="append the servers' stderr (errors, access log) to FILE")
    args = parser.parse_args()

    rows: list[dict[str, Any]] = []
    with scratch_schema() as schema:
        settings = settings_for(schema)
        token = prepare(settings)
        raw = raw_inserts(schema, args.clients, args.seconds)
        rows.append(raw.as_dict(None))
        for workers in args.workers:
            with server(schema, workers, args.server_log) as port:
                for with_key in (False, True):
                    key = " with Idempotency-Key" if with_key else ""
                    figures = http_commands(
                        f"POST /agreements, {workers} worker(s), {args.clients} clients{key}",
                        port, token, args.clients, args.seconds, with_key)
                    rows.append(figures.as_dict(raw.rate))
        if args.events:
            api, floor = long_agreement_reads(settings, schema, args.events, args.reads)
            rows.append({**api.as_dict(None), "ratio": None,
                         "x_floor_p95": round(api.percentile(0.95) / floor.percentile(0.95), 1)})
            rows.append(floor.as_dict(None))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'measure':<62} {'per s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'errors':>6} {'ratio':>6}")
    for row in rows:
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.3f}"
        if "x_floor_p95" in row:
            ratio = f"{row['x_floor_p95']}x"
        print(f"{row['measure']:<62} {row['per_second']:>9.1f} {row['p50_ms']:>8.2f} "
              f"{row['p95_ms']:>8.2f} {row['p99_ms']:>8.2f} {row['errors']:>6} {ratio:>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

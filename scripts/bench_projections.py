"""Rebuild rate of the projections next to a raw read of the same notifications.

    .venv/bin/python scripts/bench_projections.py [--events 20000] [--backend sqlite|postgres|both]
                                                  [--cipher off|on|both]

Fills a fresh store (a temporary directory for SQLite; a temporary schema in the
database of DUALTRACK_TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/test,
for PostgreSQL) with about N real domain events: agreements that are registered,
signed, mentored, briefed, practised, compensated and completed, and mentor contracts
with acts and payments. The aggregates are built through the domain and saved in
bulk, to fill quickly. Then, in the same run, it times:

* raw read: ``SELECT * FROM <events table> ORDER BY <notification id>`` of every
  source application, all rows fetched (the floor: no decoding at all);
* rebuild: ``Projections.rebuild()``: read in batches, decode with the applications'
  mappers, apply, write the rows and tracking per batch, swap in.

Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg  # noqa: TID251 - a tool beside the infrastructure, not part of the layers
from eventsourcing.cipher import AESCipher

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from application.event_chain import check_chain  # noqa: E402
from application.participants.commands import RegisterOrganisation  # noqa: E402
from application.security import Principal  # noqa: E402
from domain.agreements.agreement import DualTrainingAgreement, Party  # noqa: E402
from domain.agreements.terms import Person, Terms  # noqa: E402
from domain.mentor_payments.contract import MentorServiceContract  # noqa: E402
from domain.mentor_payments.records import RateType  # noqa: E402
from domain.participants.aggregates import CollegeLeague, EnterpriseSize, OrganisationKind  # noqa: E402
from domain.shared.audit import Actor, Role, acting_as  # noqa: E402
from domain.shared.calendar import DatePeriod, Month  # noqa: E402
from domain.shared.identifiers import BIN, IIN, compose_bin, compose_iin  # noqa: E402
from domain.shared.money import Money  # noqa: E402
from infrastructure.bootstrap import Dualtrack, bootstrap  # noqa: E402
from infrastructure.settings import Settings  # noqa: E402

TODAY = date(2026, 11, 23)
ADMIN = Principal(Role.ADMIN)
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _agreement(index: int, college: BIN, enterprise: BIN, mentor: IIN) -> DualTrainingAgreement:
    start = date(2025, 9, 1)
    agreement = DualTrainingAgreement.register(
        number=f"B-{index}", college_bin=college, enterprise_bin=enterprise, region="35",
        trainee=Person(compose_iin(date(2005, 1 + index % 12, 1 + index % 28),
                                   male=index % 2 == 0, serial=index), "Bench Trainee"),
        representative=None,
        terms=Terms(f"0715{index % 5:04d}", "Welder", DatePeriod(start, date(2026, 6, 30)), 8,
                    "Shop 1"), today=TODAY)
    for party in (Party.COLLEGE, Party.ENTERPRISE, Party.TRAINEE):
        agreement.sign(party, TODAY)
    agreement.assign_mentor(mentor, start)
    agreement.record_safety_briefing(start, "Engineer", TODAY)
    for month in range(2):
        first = date(2025, 9 + 2 * month, 1)
        agreement.record_practice_period(DatePeriod(first, first + timedelta(days=40)),
                                         "Assistant", "Welding", TODAY)
    for month in range(9, 13):
        agreement.record_compensation(Month(2025, month), Money(Decimal("85000.00")),
                                      f"PAY-{index}-{month}")
    agreement.complete(date(2026, 6, 30), TODAY)
    return agreement


def fill(system: Dualtrack, events: int) -> list[uuid.UUID]:
    college = compose_bin(2003, 4, serial=1201)
    enterprise = compose_bin(2010, 6, serial=4101)
    system.participants.register_organisation(ADMIN, RegisterOrganisation(
        bin=college, name="Bench College", kind=OrganisationKind.COLLEGE, region="35",
        league=CollegeLeague.CORE))
    system.participants.register_organisation(ADMIN, RegisterOrganisation(
        bin=enterprise, name="Bench Works", kind=OrganisationKind.ENTERPRISE, region="35",
        size=EnterpriseSize.LARGE))
    mentor = compose_iin(date(1980, 5, 17), male=True, serial=101)
    pending: list[Any] = []
    saved: list[uuid.UUID] = []
    written = index = 0
    while written < events:
        with acting_as(Actor(Role.ADMIN, "bench"), "bench"):
            agreement, contract = _pair(index, college, enterprise, mentor)
        pending.append((agreement, contract))
        written += len(agreement.pending_events) + len(contract.pending_events)
        index += 1
        if len(pending) == 200 or written >= events:
            system.agreements.save(*(a for a, _ in pending))
            system.payments.save(*(c for _, c in pending))
            saved += [a.id for a, _ in pending]
            pending = []
    return saved


def _pair(index: int, college: BIN, enterprise: BIN,
      mentor: IIN) -> tuple[DualTrainingAgreement, MentorServiceContract]:
    agreement = _agreement(index, college, enterprise, mentor)
    contract = MentorServiceContract.conclude(
        number=f"C-{index}", college_bin=college, mentor_iin=mentor, enterprise_bin=enterprise,
        term=DatePeriod(date(2025, 9, 1), date(2026, 6, 30)), rate_type=RateType.HOURLY,
        rate=Money(Decimal("3500.00")), ceiling=Money(Decimal("1000000.00")))
    contract.submit_act(month=Month(2025, 9), agreement_ids=[agreement.id],
                        hours=Decimal(10), submitted_by="mentor", today=TODAY)
    contract.approve_act(1)
    contract.record_payment(amount=Money(Decimal("35000.00")), payment_reference=f"P-{index}",
                            paid_on=date(2025, 10, 10), today=TODAY)
    return agreement, contract


def raw_read(system: Dualtrack, settings: Settings) -> tuple[int, float]:
    """Rows read and seconds taken (connections opened before the clock starts)."""
    queries: list[tuple[Any, str]] = []
    for application in (system.participants, system.agreements, system.payments,
                        system.work_experience):
        table = application.recorder.events_table_name  # type: ignore[attr-defined]
        if settings.backend == "sqlite":
            connection: Any = sqlite3.connect(settings.sqlite_path(application.name))
            queries.append((connection, f"SELECT rowid, * FROM {table} ORDER BY rowid"))
        else:
            schema = settings.postgres["POSTGRES_SCHEMA"]
            connection = psycopg.connect(POSTGRES_URL)
            queries.append((connection, f'SELECT * FROM "{schema}"."{table}" '
                                        "ORDER BY notification_id"))
    try:
        started = time.perf_counter()
        rows = sum(len(connection.execute(query).fetchall()) for connection, query in queries)
        return rows, time.perf_counter() - started
    finally:
        for connection, _ in queries:
            connection.close()


@contextmanager
def store(backend: str, url: str):  # type: ignore[no-untyped-def]
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            yield Settings.from_env({"DUALTRACK_DATA_DIR": directory})
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield Settings.from_env({"DATABASE_URL": url, "POSTGRES_SCHEMA": schema})
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@dataclass
class Row:
    events: int
    fill: float  # events/s for each
    raw: float
    get: float
    chain: float
    rebuild: float


def bench(backend: str, events: int, url: str, cipher: bool) -> Row:
    with store(backend, url) as plain:
        settings = replace(plain, cipher_key=AESCipher.create_key(32) if cipher else "")
        with bootstrap(settings) as system:
            return _timed(system, settings, events)


def _timed(system: Dualtrack, settings: Settings, events: int) -> Row:
    system.pin_today(lambda: TODAY)
    started = time.perf_counter()
    ids = fill(system, events)
    filled = time.perf_counter() - started
    read, read_seconds = raw_read(system, settings)
    # The best of three passes: the machine's other load makes single passes vary.
    got = chained = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        replayed = sum(system.agreements.repository.get(i).version for i in ids)
        got = min(got, time.perf_counter() - started)
        started = time.perf_counter()
        checked = 0
        for application in (system.participants, system.agreements, system.payments,
                            system.work_experience):
            report, breaks = check_chain(application, limit=None)
            if breaks:
                raise SystemExit(f"the fresh store has chain breaks: {breaks[0]}")
            checked += report.notifications
        chained = min(chained, time.perf_counter() - started)
    projections = system.open_projections()
    try:
        started = time.perf_counter()
        projections.rebuild()
        rebuild_seconds = time.perf_counter() - started
        if projections.verify():
            raise SystemExit("the rebuilt views differ from a second rebuild")
    finally:
        projections.close()
    return Row(read, read / filled, read / read_seconds, replayed / got,
               checked / chained, read / rebuild_seconds)


def main() -> None:
    global POSTGRES_URL
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--database-url", default=POSTGRES_URL)
    parser.add_argument("--cipher", choices=("off", "on", "both"), default="off",
                        help="encryption at rest (both: a row each, to compare)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    POSTGRES_URL = args.database_url
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    ciphers = (False, True) if args.cipher == "both" else (args.cipher == "on",)
    rows = [{"backend": backend, "cipher": "on" if cipher else "off",
             **asdict(bench(backend, args.events, args.database_url, cipher))}
            for backend in backends for cipher in ciphers]
    for row in rows:
        row["ratio"] = round(row["rebuild"] / row["raw"], 3)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'backend':<10} {'cipher':<6} {'events':>7} {'fill':>8} {'raw read':>9} "
          f"{'get':>8} {'chain':>8} {'rebuild':>8} {'rebuild/raw':>11}   (events/s)")
    for row in rows:
        print(f"{row['backend']:<10} {row['cipher']:<6} {row['events']:>7} "
              f"{row['fill']:>8,.0f} {row['raw']:>9,.0f} {row['get']:>8,.0f} {row['chain']:>8,.0f} "
              f"{row['rebuild']:>8,.0f} {row['ratio']:>11.1%}")


if __name__ == "__main__":
    main()

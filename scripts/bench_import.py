"""Intake import rate next to a raw ``executemany`` of as many event rows, in one run.

    .venv/bin/python scripts/bench_import.py [--rows 10000] [--database-url URL]

On a temporary schema of PostgreSQL (DUALTRACK_TEST_DATABASE_URL's database by default):
a college and an enterprise are registered, a valid CSV of N rows is made, and then
timed:

* import: the whole path of ``POST /api/v1/imports/agreements`` and its job: the file
  read and each row parsed by the agreement schema into ``Register``, the job stored,
  every row validated (``Agreements.draft``), the agreements saved in batches;
* raw: one ``executemany`` of as many rows as the import wrote events, into a copy of
  the agreements' events table (the floor: no parsing, no checks, no encoding).

Both are printed as event rows per second, with their ratio. Not a test: the numbers
depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import psycopg  # noqa: TID251 - a tool beside the infrastructure, not part of the layers

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from application.intake.commands import SubmitImport  # noqa: E402
from application.participants.commands import RegisterOrganisation  # noqa: E402
from application.security import Principal  # noqa: E402
from domain.intake.records import JobStatus  # noqa: E402
from domain.participants.aggregates import CollegeLeague, EnterpriseSize, OrganisationKind  # noqa: E402
from domain.shared.audit import Role  # noqa: E402
from domain.shared.identifiers import compose_bin, compose_iin  # noqa: E402
from infrastructure.bootstrap import bootstrap  # noqa: E402
from infrastructure.settings import Settings  # noqa: E402
from interfaces.web.resources.imports.reading import read  # noqa: E402
from interfaces.web.resources.imports.rows import parse_row  # noqa: E402

TODAY = date(2026, 11, 23)
COLLEGE, ENTERPRISE = compose_bin(2009, 4, serial=9001), compose_bin(2011, 7, serial=9002)
HEADER = ("number,enterprise_bin,trainee_iin,trainee_full_name,specialty_code,qualification,"
          "start_date,end_date,planned_practice_months,workplace")


def intake_file(rows: int) -> bytes:
    lines = [HEADER]
    for index in range(rows):
        born = date(1980, 1, 1) + timedelta(days=index % 9000)  # adults, one a day
        iin = compose_iin(born, male=index % 2 == 0, serial=1000 + 10 * (index // 9000))
        lines.append(f"BI-{index},{ENTERPRISE},{iin},Dana Akhmetova,07150200,Welder,"
                     "2026-09-01,2027-06-30,8,Welding shop No. 2")
    return ("\r\n".join(lines) + "\r\n").encode()


def import_file(system, data: bytes) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    sheet = read(data, max_bytes=50 * 1024 * 1024, max_rows=100_000)
    rows = []
    for number, cells in sheet.rows:
        parsed = parse_row(number, cells, COLLEGE.value)
        if isinstance(parsed, list):
            raise SystemExit(f"row {number} is not valid: {parsed}")
        rows.append((number, parsed))
    principal = Principal(Role.COLLEGE, COLLEGE.value, correlation_id="bench")
    job = system.intake.submit(principal, SubmitImport(COLLEGE, tuple(rows), (), len(rows)))
    done = system.intake.run(job.aggregate.id)
    seconds = time.perf_counter() - started
    if done.status is not JobStatus.DONE or len(done.created) != len(rows):
        raise SystemExit(f"the import did not create every row: {done.status} {done.errors[:3]}")
    return seconds


def raw_executemany(url: str, schema: str, table: str, count: int) -> float:
    state = b'{"number":"BI-0","trainee_iin":"040101500010","workplace":"Welding shop"}' * 4
    with psycopg.connect(url) as connection:
        connection.execute(f'CREATE TABLE "{schema}".raw_events '
                           f'(LIKE "{schema}"."{table}" INCLUDING ALL)')
        connection.commit()
        values = [(uuid.uuid4(), 1, "dualtrack:agreements.DualTrainingAgreement.Registered",
                   state) for _ in range(count)]
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.executemany(
                f'INSERT INTO "{schema}".raw_events (originator_id, originator_version, '
                "topic, state) VALUES (%s, %s, %s, %s)", values)
        connection.commit()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", default=os.environ.get(
        "DUALTRACK_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(args.database_url, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        settings = Settings.from_env({"DATABASE_URL": args.database_url,
                                      "POSTGRES_SCHEMA": schema})
        with bootstrap(settings) as system:
            system.pin_today(lambda: TODAY)
            admin = Principal(Role.ADMIN)
            system.participants.register_organisation(admin, RegisterOrganisation(
                COLLEGE, "Bench College", OrganisationKind.COLLEGE, "35",
                league=CollegeLeague.CORE))
            system.participants.register_organisation(admin, RegisterOrganisation(
                ENTERPRISE, "Bench Plant", OrganisationKind.ENTERPRISE, "35",
                size=EnterpriseSize.LARGE))
            data = intake_file(args.rows)
            before = system.agreements.recorder.max_notification_id() or 0
            seconds = import_file(system, data)
            events = (system.agreements.recorder.max_notification_id() or 0) - before
            table = system.agreements.recorder.events_table_name  # type: ignore[attr-defined]
        raw_seconds = raw_executemany(args.database_url, schema, table, events)
    finally:
        with psycopg.connect(args.database_url, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
    imported, raw = events / seconds, events / raw_seconds
    if args.json:
        print(json.dumps({"rows": args.rows, "events": events, "import_per_second": round(imported),
                          "raw_executemany_per_second": round(raw),
                          "ratio": round(imported / raw, 3)}, indent=2))
        return
    print(f"{'rows':>8} {'events':>8} {'import (events/s)':>18} {'raw executemany (events/s)':>27}"
          f" {'import/raw':>11}")
    print(f"{args.rows:>8} {events:>8} {imported:>18,.0f} {raw:>27,.0f} {imported / raw:>11.1%}")
    print(f"import: {seconds:.2f}s ({args.rows / seconds:,.0f} rows/s); raw: {raw_seconds:.2f}s")


if __name__ == "__main__":
    main()

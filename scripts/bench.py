"""Every benchmark in one run, each measure beside its raw baseline, as one table.

    .venv/bin/python scripts/bench.py [--seconds 10] [--clients 8] [--workers 1 4]
                                      [--events 1000] [--rebuild-events 50000]
                                      [--import-rows 10000] [--cipher]
                                      [--only commands projections import]
                                      [--json]

It runs ``bench_commands.py``, ``bench_projections.py`` and ``bench_import.py`` one after
the other (each on its own scratch schema or file, dropped at the end; PostgreSQL from
DUALTRACK_TEST_DATABASE_URL), reads their ``--json`` output and prints one row per
measure: the figure, its raw baseline taken in the same run, and the ratio. Nothing is
asserted: the figures depend on the machine, so the README quotes a run of this script.

Not measured yet (issue 10's table): monitoring at 1M events, the append rate at 1M
events against an empty store, and the projection lag under load.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PARTS = ("commands", "projections", "import")


def run(script: str, *arguments: str) -> Any:
    done = subprocess.run([sys.executable, str(HERE / script), *arguments, "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def command_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    found = run("bench_commands.py", "--seconds", str(args.seconds), "--clients",
                str(args.clients), "--workers", *map(str, args.workers), "--events",
                str(args.events))
    raw = next(row for row in found if row["measure"].startswith("raw"))
    rows = []
    for row in found:
        if row is raw or row["measure"].startswith("raw read"):
            continue
        if "x_floor_p95" in row:  # the long read: its ratio is to the raw read's p95
            rows.append({"measure": row["measure"], "figure": f"p95 {row['p95_ms']:.1f} ms",
                         "baseline": f"x{row['x_floor_p95']} of the raw read", "ratio": None})
            continue
        rows.append({"measure": row["measure"],
                     "figure": f"{row['per_second']:.1f}/s, p99 {row['p99_ms']:.0f} ms, "
                               f"{row['errors']} errors",
                     "baseline": f"{raw['per_second']:.0f}/s raw inserts",
                     "ratio": row["ratio"]})
    return rows


def projection_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    found = run("bench_projections.py", "--events", str(args.rebuild_events),
                "--cipher", "both" if args.cipher else "off")
    return [{"measure": f"projection rebuild, {row['backend']}, {row['events']} events"
                        + (", encrypted" if row["cipher"] == "on" else ""),
             "figure": f"{row['rebuild']:,.0f} events/s",
             "baseline": f"{row['raw']:,.0f} events/s ordered read",
             "ratio": row["ratio"]}
            for row in found]


def import_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    row = run("bench_import.py", "--rows", str(args.import_rows))
    return [{"measure": f"intake import, {row['rows']} rows ({row['events']} events)",
             "figure": f"{row['import_per_second']:,} events/s",
             "baseline": f"{row['raw_executemany_per_second']:,} events/s executemany",
             "ratio": row["ratio"]}]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--events", type=int, default=1000,
                        help="events of the long agreement read (0 skips it)")
    parser.add_argument("--rebuild-events", type=int, default=50_000)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--cipher", action="store_true",
                        help="also rebuild an encrypted store (bound AES-GCM), to show its cost")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    makers = {"commands": command_rows, "projections": projection_rows, "import": import_rows}
    rows = [row for part in PARTS if part in args.only for row in makers[part](args)]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(row["measure"]) for row in rows)
    print(f"{'measure':<{width}}  {'figure':<36}  {'raw baseline (same run)':<34}  ratio")
    for row in rows:
        ratio = "" if row["ratio"] is None else f"{row['ratio']:.3f}"
        print(f"{row['measure']:<{width}}  {row['figure']:<36}  {row['baseline']:<34}  {ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

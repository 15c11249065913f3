"""The projection worker and its one-shot commands, for the command line to call.

``python -m infrastructure.views.worker run|catch-up|rebuild|status|verify`` works on
its own too (settings from the environment, as ``dualtrack`` does):

* ``run``: keep the views current until SIGTERM or Ctrl-C;
* ``catch-up``: apply what is pending, once;
* ``rebuild``: rebuild every view from the first event (progress bar on stderr) and
  swap it in;
* ``status``: each source's view position, its head and the lag;
* ``verify``: rebuild into scratch tables, compare with the live views, print the
  differences; exit status 1 if there are any.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Sequence
from typing import TextIO

from application.projections.facade import Projections
from application.projections.runner import BatchHook, Progress
from infrastructure.settings import Settings

COMMANDS = ("run", "catch-up", "rebuild", "status", "verify")


def run(projections: Projections, stop: threading.Event | None = None) -> None:
    """Keep the views current until ``stop`` is set, or SIGTERM/SIGINT arrives."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    projections.run_forever(stop)


def progress_bar(out: TextIO, width: int = 40) -> Progress:
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        share = done / total if total else 1.0
        rate = done / max(time.monotonic() - started, 1e-6)
        bar = "#" * int(share * width)
        out.write(f"\r[{bar:<{width}}] {share:6.1%} {done}/{total} positions, "
                  f"{rate:,.0f}/s")
        out.flush()
    return show


def rebuild(projections: Projections, out: TextIO, err: TextIO) -> None:
    started = time.monotonic()
    positions = projections.rebuild(progress_bar(err))
    err.write("\n")
    print(f"rebuilt every view in {time.monotonic() - started:.1f}s, now at "
          + ", ".join(f"{name} {position}" for name, position in sorted(positions.items())),
          file=out)


def print_status(projections: Projections, out: TextIO) -> None:
    print(f"{'source':<16} {'position':>10} {'head':>10} {'lag':>8}  views", file=out)
    for status in projections.status():
        print(f"{status.source:<16} {status.position:>10} {status.head:>10} {status.lag:>8}  "
              + ", ".join(status.views), file=out)


def verify(projections: Projections, out: TextIO) -> int:
    differences = projections.verify()
    for difference in differences:
        print(difference, file=out)
    print("views verified: identical to a rebuild from the first event" if not differences
          else f"{len(differences)} difference(s) between the live views and a rebuild",
          file=out)
    return 1 if differences else 0


def main(argv: Sequence[str] | None = None, *, before_commit: BatchHook | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infrastructure.views.worker")
    parser.add_argument("command", choices=COMMANDS)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args(argv)
    # Imported here: the composition root imports every application.
    from infrastructure.bootstrap import bootstrap
    from infrastructure.views import open_projections

    settings = Settings.from_env()
    with bootstrap(settings) as system:
        projections = open_projections(settings, system, batch_size=args.batch_size,
                                       before_commit=before_commit)
        try:
            if args.command == "run":
                run(projections)
            elif args.command == "catch-up":
                projections.catch_up()
            elif args.command == "rebuild":
                rebuild(projections, sys.stdout, sys.stderr)
            elif args.command == "verify":
                return verify(projections, sys.stdout)
            print_status(projections, sys.stdout)
        finally:
            projections.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How the projection commands print: a progress bar, the status table, the differences."""

from __future__ import annotations

import time
from typing import TextIO

from application.projections.facade import Projections
from application.projections.runner import Progress


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

"""``dualtrack projections run|rebuild|status`` and ``dualtrack audit verify``.

The work itself is in ``application.projections`` (keeping, rebuilding, comparing
views) and ``application.event_chain`` (checking the stored events); ``output`` prints
progress and differences. These functions open the store from the environment through
the composition root and pick exit statuses.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import MapperDeserialisationError, Notification

from application.projections.facade import Projections
from infrastructure.history.seals import Seal, SealError, SealStore, make_seal
from infrastructure.history.seals import verify as verify_history
from interfaces import i18n, logs
from interfaces.cli import output
from interfaces.cli.common import FAILURE, OK, CommandError, opened, runtime_settings

if TYPE_CHECKING:
    from infrastructure.bootstrap import Dualtrack

log = logging.getLogger("dualtrack.projections")

OUTDATED = ("the views were made by another version of dualtrack: run "
            "'dualtrack projections rebuild'")


@contextmanager
def _projections(args: argparse.Namespace) -> Iterator[tuple[Dualtrack, Projections]]:
    settings = runtime_settings()
    hook = getattr(args, "before_commit", None)

    def before_commit(source: str, notifications: Sequence[Notification]) -> None:
        _log_batch(source, notifications)
        if hook is not None:
            hook(source, notifications)

    with opened(settings) as system:
        projections = system.open_projections(batch_size=getattr(args, "batch_size", 1000),
                                              before_commit=before_commit)
        try:
            yield system, projections
        finally:
            projections.close()


def _log_batch(source: str, notifications: Sequence[Notification]) -> None:
    log.info("%s: applying %d notification(s) up to position %d", source,
             len(notifications), notifications[-1].id)


def run(args: argparse.Namespace) -> int:
    logs.configure(sys.stderr)
    with _projections(args) as (system, projections):
        if projections.outdated:
            # A new release changed the views' shape: rebuild before keeping them current,
            # or every batch would fail. The API keeps serving the old views meanwhile.
            log.warning("the views were made by another version of dualtrack: rebuilding")
            projections.rebuild()
        log.info("%s (%s); %s", "applying what is pending" if args.once
                 else "keeping the views current", system.settings.describe(),
                 _lags(projections))
        if args.once:
            projections.catch_up()
        else:
            stop = threading.Event()
            with _stopped_by_signals(stop):
                if system.settings.backend == "postgres":
                    # The same advisory lock as the projector threads of `serve`: one
                    # applies batches at a time, another takes over when it dies.
                    from infrastructure.views import elected_projector

                    log.info("waiting for the projector lock (held by at most one process)")
                    elected_projector(system.settings, projections, stop=stop).run()
                else:
                    projections.run_forever(stop)
        log.info("stopped; %s", _lags(projections))
    return OK


def _lags(projections: Projections) -> str:
    return ", ".join(f"{s.source} at {s.position} of {s.head} (lag {s.lag})"
                     for s in projections.status())


@contextmanager
def _stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """SIGTERM and Ctrl-C finish the batch in hand and stop; a second one stops at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = (signal.SIGTERM, signal.SIGINT)
    previous = {signum: signal.getsignal(signum) for signum in signals}

    def request_stop(signum: int, frame: Any) -> None:
        log.info("%s received: stopping after the current batch",
                 signal.Signals(signum).name)
        stop.set()
        for number, handler in previous.items():
            signal.signal(number, handler)

    for signum in signals:
        signal.signal(signum, request_stop)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def rebuild(args: argparse.Namespace) -> int:
    with _projections(args) as (_, projections):
        output.rebuild(projections, sys.stdout, sys.stderr)
    return OK


def status(args: argparse.Namespace) -> int:
    with _projections(args) as (_, projections):
        output.print_status(projections, sys.stdout)
        if projections.outdated:
            print(f"dualtrack projections status: {OUTDATED}", file=sys.stderr)
            return FAILURE
    return OK


def audit_verify(args: argparse.Namespace) -> int:
    """Check the stored events (against the last seal, or ``--seal FILE``), then the views
    against a rebuild; 1 on any finding."""
    with _projections(args) as (system, projections):
        seal = _seal_to_check(system.settings, getattr(args, "seal", None))
        if seal is None:
            print("no seal yet: an aggregate's last events deleted cannot be found without "
                  "one (run 'dualtrack audit seal')")
        else:
            print(f"checked against the seal of {seal.sealed_at.isoformat()}")
        limit = getattr(args, "limit", 100) or None
        verification = verify_history(system.applications, seal, limit=limit)
        for report, breaks in verification.reports:
            for chain_break in breaks:
                print(chain_break)
            print(f"event chain {report.application}: {report.notifications} event(s) of "
                  f"{report.aggregates} aggregate(s), "
                  + (f"{len(breaks)} break(s)" if breaks else "unbroken"))
        try:
            views_differ = output.verify(projections, sys.stdout) != OK
        except MapperDeserialisationError as error:
            # A record that does not decode (a ciphertext moved to another row, say) is
            # a finding above; the views cannot be rebuilt past it, so they are not checked.
            print(i18n.gettext("views not verified: a rebuild cannot read the events "
                               "(%(error)s)", error=error))
            views_differ = True
    return FAILURE if not verification.verified or views_differ else OK


def _seal_to_check(settings: Any, path: str | None) -> Seal | None:
    if path is not None:
        try:
            return Seal.from_json(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"cannot read the seal {path}: {error.strerror}") from None
        except SealError as error:
            raise CommandError(f"{path}: {error}") from None
    store = SealStore(settings)
    try:
        return store.last()
    finally:
        store.close()


def audit_seal(args: argparse.Namespace) -> int:
    """Seal every chain as it is now: print it, keep it in ``seals``, ``--out`` a file."""
    with opened(runtime_settings()) as system:
        try:
            seal = make_seal(system.applications)
        except SealError as error:
            raise CommandError(str(error), exit_code=FAILURE) from None
        store = SealStore(system.settings)
        try:
            store.add(seal)
        finally:
            store.close()
    for line in seal.summary():
        print(line)
    if args.out:
        Path(args.out).write_text(seal.to_json() + "\n", encoding="utf-8")
        print(f"written to {args.out}: keep it outside the database")
    return OK

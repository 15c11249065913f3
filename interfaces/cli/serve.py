"""``dualtrack serve``: the HTTP API under gunicorn (or Flask's development server)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from typing import Any

from infrastructure.settings import Settings
from interfaces import logs
from interfaces.cli.common import opened, runtime_settings

SQLITE_HELP = ("On the SQLite default the server runs one worker process with threads: SQLite "
               "lets one writer at a time hold a file's lock, so separate worker processes would "
               "only queue for it. With PostgreSQL, workers default to DUALTRACK_WEB_WORKERS.")


def serve(args: argparse.Namespace) -> int:
    settings = runtime_settings()
    if args.dev:
        from interfaces.web import create_app

        create_app(settings=settings).run(host=args.host, port=args.port, debug=True,
                                          use_reloader=False)
        return 0
    logs.configure()
    workers = worker_count(settings, args.workers)
    if settings.backend == "sqlite" and workers > 1:
        print(f"dualtrack serve: warning: {workers} worker processes will queue for the "
              "SQLite write lock; one worker with threads is the better choice", file=sys.stderr)
    if settings.backend == "sqlite":
        # Open the store once before forking, so that its tables exist before the
        # workers start; close it so that nothing holding a connection crosses the fork.
        with opened(settings):
            pass
    else:
        # The schema was checked above; the workers (which read the environment
        # afresh) open the store without creating anything.
        os.environ["DUALTRACK_CREATE_TABLES"] = "no"
    # Every worker writes its metrics into one fresh directory, so that a scrape of any
    # worker sums them all (prometheus-client's multiprocess mode).
    metrics_dir = tempfile.mkdtemp(prefix="dualtrack-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    print(f"dualtrack serve: http://{args.host}:{args.port} with {workers} worker(s) x "
          f"{args.threads} threads; store: {settings.describe()}", file=sys.stderr)
    _gunicorn_server({
        "bind": f"{args.host}:{args.port}", "workers": workers, "worker_class": "gthread",
        # No gunicorn access log: it prints the raw request line, where a query string
        # or an IIN in the path would be kept; each worker logs requests by route instead.
        "threads": args.threads, "accesslog": None, "preload_app": False,
        "proc_name": "dualtrack",
        "child_exit": lambda server, worker: mark_worker_dead(worker.pid),
        # X-Forwarded-* are believed only from these addresses (the proxy's), never from
        # anywhere: a client could otherwise claim any scheme or address.
        "forwarded_allow_ips": os.environ.get("DUALTRACK_FORWARDED_ALLOW_IPS", "127.0.0.1"),
    }).run()
    shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def worker_count(settings: Settings, requested: int | None) -> int:
    """Worker processes for gunicorn: one on SQLite (its single writer lock), else configured."""
    if requested is not None:
        return requested
    return 1 if settings.backend == "sqlite" else settings.web_workers


def mark_worker_dead(pid: int) -> None:
    from interfaces.web.metrics import mark_worker_dead as mark

    mark(pid)


def _gunicorn_server(options: dict[str, Any]) -> Any:
    from gunicorn.app.base import BaseApplication

    class DualtrackServer(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            # Called in each worker after the fork (no preload): every worker builds
            # its own Application objects and database connections.
            from interfaces.web.wsgi import app

            return app()

    return DualtrackServer()

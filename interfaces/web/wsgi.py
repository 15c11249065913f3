"""Entry point for WSGI servers: ``gunicorn 'interfaces.web.wsgi:app()'``.

gunicorn calls ``app()`` in each worker after forking, and the applications are
built on the first request, so no database connection crosses a fork.
"""

from __future__ import annotations

from flask import Flask

from infrastructure.settings import Settings
from interfaces import logs
from interfaces.web import create_app


def app() -> Flask:
    logs.configure()
    settings = Settings.from_env()
    if settings.backend == "postgres":
        # A served worker never creates tables (workers starting together would race on
        # the library's DDL): `dualtrack migrate` did, and /readyz says if it did not.
        settings = settings.without_creating_tables()
    application = create_app(settings=settings)
    # The views' keeper (SQLite's poller, or PostgreSQL's elected projector) starts with
    # the worker, not with its first request.
    application.extensions["dualtrack"].start_keeping_views_current()
    return application

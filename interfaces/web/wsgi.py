"""Entry point for WSGI servers: ``gunicorn 'interfaces.web.wsgi:app()'``.

gunicorn calls ``app()`` in each worker after forking, and the applications are
built on the first request, so no database connection crosses a fork.
"""

from __future__ import annotations

from flask import Flask

from infrastructure.settings import Settings
from interfaces.web import create_app


def app() -> Flask:
    return create_app(settings=Settings.from_env())

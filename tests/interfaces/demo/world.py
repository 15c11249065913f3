"""The demo (``interfaces.demo``) loaded once per backend, with the HTTP app over it and
tokens for the monitoring readers: for the tests that only read its figures.

Used by the session fixture ``demo_world`` (``tests/interfaces/conftest.py``): loading the
demo takes 20-30 seconds, so the modules that read it share one load per backend.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
from flask import Flask

from application.security import Principal
from domain.shared.audit import Role
from infrastructure.bootstrap import bootstrap
from infrastructure.settings import Settings
from interfaces import demo
from interfaces.web import create_app
from tests.application.participants.builders import token_for
from tests.conftest import POSTGRES_URL, postgres_settings, require_postgres

TODAY = date(2026, 11, 23)
READERS = {"auditor": ("auditor", None), "monitor_national": ("monitor", None),
           "monitor_71": ("monitor", "71")}


@dataclass
class DemoWorld:
    system: Any
    app: Flask
    tokens: dict[str, str]

    @property
    def projections(self) -> Any:
        views = self.app.extensions["dualtrack"].projections
        views.catch_up()
        return views

    def get(self, path: str, caller: str, query: dict[str, Any] | None = None) -> Any:
        self.projections  # noqa: B018  (caught up before every read)
        return self.app.test_client().get(
            path, query_string=query or {},
            headers={"Authorization": f"Bearer {self.tokens[caller]}"})


@contextmanager
def demo_world(backend: str, directory: Path) -> Iterator[DemoWorld]:
    schema = f"t_{uuid.uuid4().hex[:16]}"
    if backend == "postgres":
        require_postgres()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
        settings = postgres_settings(schema)
    else:
        settings = Settings.from_env({"DUALTRACK_DATA_DIR": str(directory / "data")})
    try:
        with bootstrap(settings) as system:
            system.pin_today(lambda: TODAY)
            demo.run(system, io.StringIO())
            admin = Principal(Role.ADMIN, correlation_id="demo-world")
            tokens = {caller: system.participants.issue_token(admin, token_for(role, subject))
                      for caller, (role, subject) in READERS.items()}
            app = create_app(system)
            app.testing = True
            try:
                yield DemoWorld(system, app, tokens)
            finally:
                app.extensions["dualtrack"].close()
    finally:
        if backend == "postgres":
            with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
                connection.execute(f'DROP SCHEMA "{schema}" CASCADE')

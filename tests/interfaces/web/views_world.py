"""The projections' test world (two regions, agreements in every state, contracts,
certificates) behind the HTTP API, with a token for every kind of reader.

``tests.application.projections.world`` records the world and catches the views up
once; here the API is put over the same store, and the expected figures can be
computed from the aggregates (``facts``) without the projection code. No tests here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from flask import Flask

from application.security import Principal
from domain.shared.audit import Role
from interfaces.web import create_app
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    OTHER_COLLEGE_BIN,
)
from tests.application.participants.builders import token_for
from tests.application.projections.world import Built, Facts, built_world, load_facts

ADMIN = Principal(Role.ADMIN, correlation_id="views-world")
# caller -> (role, subject); the trainee is filled in from the world (its fourth trainee).
READERS: dict[str, tuple[str, str | None]] = {
    "admin": ("admin", None), "auditor": ("auditor", None),
    "monitor_national": ("monitor", None), "monitor_35": ("monitor", "35"),
    "monitor_71": ("monitor", "71"), "college": ("college", COLLEGE_BIN),
    "other_college": ("college", OTHER_COLLEGE_BIN), "enterprise": ("enterprise", ENTERPRISE_BIN),
    "mentor": ("mentor", MENTOR_IIN),
}


@dataclass
class ViewsWorld:
    built: Built
    app: Flask
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def system(self) -> Any:
        return self.built.system

    @property
    def projections(self) -> Any:
        return self.built.projections

    @cached_property
    def facts(self) -> Facts:
        return load_facts(self.system)

    def headers(self, caller: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[caller]}", **extra}

    def get(self, path: str, caller: str, query: dict[str, Any] | None = None,
            **headers: str) -> Any:
        return self.app.test_client().get(path, query_string=query or {},
                                          headers=self.headers(caller, **headers))


@contextmanager
def views_world(backend: str, directory: Path) -> Iterator[ViewsWorld]:
    with built_world(backend, directory) as built:
        issue = built.system.participants.issue_token
        readers = {**READERS, "trainee": ("trainee", built.world.trainee_iins[3])}
        tokens = {caller: issue(ADMIN, token_for(role, subject)) for caller, (role, subject)
                  in readers.items()}
        app = create_app(built.system)
        app.testing = True
        try:
            yield ViewsWorld(built, app, tokens)
        finally:
            app.extensions["dualtrack"].close()

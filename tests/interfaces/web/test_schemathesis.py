"""Schemathesis against /openapi.json: every operation, as the callers who may use it.

For each operation, generated requests (valid and invalid) go in as each caller the
role matrix allows (at most three), one outsider and no token at all; where the path
names a resource, each request is also sent with the path pointing at a real one in
the populated world, so that answers about real data are checked too. Every answer must
be no server error, and its status code, content type and body must be those the
document declares for the operation. The document's catch-all ``default`` response
(flask-smorest adds one to every operation) is dropped first, or any status would do.

Bounded for CI: a fixed seed, derandomised generation and a modest number of examples
per operation. SQLite only: the HTTP code under test is the same on both backends, and
PostgreSQL would double the time for nothing new here (test_multiprocess covers it).
A known bug is marked in ``KNOWN_BUGS`` (a strict xfail, with the reason), never skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from infrastructure.settings import Settings
from interfaces.web import create_app
from interfaces.web.freshness import WAIT_SECONDS_CONFIG
from tests.interfaces.web.api_world import World, populated_app
from tests.interfaces.web.test_role_matrix import MATRIX, Endpoint

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
# "METHOD /path" -> why it fails, until the API is fixed.
KNOWN_BUGS: dict[str, str] = {}


def _document_only(settings: Settings) -> Any:
    raise AssertionError("the OpenAPI document needs no store")


def documented_answers_only(document: dict[str, Any]) -> dict[str, Any]:
    """The document without flask-smorest's catch-all ``default`` response on every
    operation, which would let any status code conform: an answer must be one listed."""
    for operations in document["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict):
                operation.get("responses", {}).pop("default", None)
    return document


CONFIG = schemathesis.Config.from_dict({
    "seed": 20261123,
    "generation": {"mode": "all", "max-examples": EXAMPLES_PER_OPERATION,
                   "deterministic": True, "database": "none",
                   "with-security-parameters": False},
    "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    "suppress-health-check": ["too_slow", "filter_too_much", "data_too_large"],
})
_DOCUMENT = create_app(settings=Settings(), system_factory=_document_only).test_client() \
    .get("/openapi.json").get_json()
schema = schemathesis.openapi.from_dict(documented_answers_only(_DOCUMENT), config=CONFIG)
ENDPOINTS = {entry.route: entry for entry in MATRIX}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, World]]:
    with populated_app(tmp_path_factory.mktemp("fuzz")) as app_and_world:
        # Generated X-Min-Position values lie in the future: each would wait the full 2 s
        # for the views (the stale answer is tested elsewhere); the fuzz needs only one tick.
        app_and_world[0].config[WAIT_SECONDS_CONFIG] = 0.01
        yield app_and_world


def callers_of(entry: Endpoint | None) -> list[str | None]:
    """The allowed callers (at most three), one outsider, and no token."""
    if entry is None:  # health, readiness and metrics are public
        return [None]
    allowed = [caller for caller in ("admin", "college", "enterprise", "trainee", "mentor",
                                     "auditor", "monitor_national") if caller in entry.allowed]
    outsider = next((c for c in ("other_college", "other_enterprise", "other_trainee",
                                 "monitor_regional") if c not in entry.allowed), None)
    return [*allowed[:3], outsider, "no_token"]


def path_variants(case: Any, entry: Endpoint | None, world: World) -> list[dict[str, Any]]:
    """The generated path parameters, and the same pointing at the world's real resource."""
    generated = dict(case.path_parameters or {})
    real = world.params[entry.on] if entry is not None and entry.on else {}
    if not (real and generated):
        return [generated]
    return [generated, {**generated, **{k: str(real[k]) for k in generated if k in real}}]


@schema.parametrize()
def test_every_operation_answers_as_documented(case, world, request):
    label = f"{case.operation.method.upper()} {case.operation.path}"
    if label in KNOWN_BUGS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[label]))
    entry = ENDPOINTS.get(label)
    if entry is None and case.operation.path.startswith("/api/v1/"):
        pytest.fail(f"{label} is not in test_role_matrix.MATRIX: add it there first")
    app, populated = world
    variants = path_variants(case, entry, populated)
    generated_headers = {k: v for k, v in (case.headers or {}).items()
                         if k.lower() != "authorization"}
    for caller in callers_of(entry):
        case.headers = {**generated_headers, **(populated.headers(caller) if caller else {})}
        for path_parameters in variants:
            case.path_parameters = path_parameters
            case.call_and_validate(app=app, checks=CHECKS)

"""/readyz is honest: each reason to be unready is a 503 naming it, within about 2 s."""

from __future__ import annotations

import time
from dataclasses import replace

import psycopg
import pytest

from infrastructure.migrations import SCHEMA_VERSION
from interfaces.web import create_app
from interfaces.web.resources.operations import views as operations
from tests.application.agreements.fixtures import draft_agreement, register_organisations
from tests.conftest import POSTGRES_URL


def test_views_lagging_beyond_the_setting_make_the_service_unready(system, settings):
    register_organisations(system)
    for n in range(3):
        draft_agreement(system, number=f"R-{n}")
    app = create_app(system, settings=replace(settings, ready_max_lag=2))

    answer = app.test_client().get("/readyz")

    assert answer.status_code == 503 and answer.json["rule"] == "views_lagging"
    assert answer.json["errors"]["views"]["rule"] == "views_lagging"
    app.extensions["dualtrack"].projections.catch_up()
    assert app.test_client().get("/readyz").status_code == 200
    app.extensions["dualtrack"].close()


def test_readyz_answers_503_within_about_2_s_when_a_check_hangs(system, settings,
                                                                 monkeypatch):
    def hanging() -> dict[str, int | None]:
        time.sleep(4)
        return {}

    monkeypatch.setattr(operations, "store_positions", hanging)
    app = create_app(system, settings=settings)
    started = time.monotonic()
    answer = app.test_client().get("/readyz")
    waited = time.monotonic() - started

    assert answer.status_code == 503 and answer.json["rule"] == "not_ready"
    assert "did not finish" in answer.json["detail"]
    assert waited < 3.5  # the 1.8 s budget, not the 4 s the check takes
    app.extensions["dualtrack"].close()


@pytest.mark.postgres
@pytest.mark.parametrize("settings", ["postgres"], indirect=True)
def test_on_postgresql_an_unmigrated_store_and_a_failing_projector_are_reasons(
        system, settings):
    schema = settings.postgres["POSTGRES_SCHEMA"]
    app = create_app(system, settings=settings)
    app.extensions["dualtrack"].projections.catch_up()
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DELETE FROM "{schema}".dualtrack_schema')
        unmigrated = app.test_client().get("/readyz")
        conn.execute(f'INSERT INTO "{schema}".dualtrack_schema (version) VALUES (%s)',
                     (SCHEMA_VERSION,))
        # migrate made the projector's heartbeat table: a leader whose batches fail
        conn.execute(f'INSERT INTO "{schema}".dualtrack_projector VALUES (1, %s, now(), '
                     "now(), now(), 'NUL in a text field', 3)", ("h:1",))
        failing = app.test_client().get("/readyz")

    assert unmigrated.status_code == 503 and unmigrated.json["rule"] == "schema_outdated"
    assert "dualtrack migrate" in unmigrated.json["detail"]
    assert failing.status_code == 503 and failing.json["rule"] == "projector_failing"
    assert "NUL in a text field" in failing.json["detail"]
    app.extensions["dualtrack"].close()

"""/readyz and the views: projection lag is reported (and is no reason to be unready);
views made by another version, or views that cannot be read, are (503)."""

from __future__ import annotations

from application.projections.schema import SOURCES
from interfaces.web.problems import PROBLEM_JSON
from interfaces.web.runtime import Runtime
from tests.interfaces.conftest import bearer


def views_of(app):
    return app.extensions["dualtrack"].projections


def test_readyz_reports_each_sources_lag_and_stays_ready_while_the_views_catch_up(app, client,
                                                                                  tokens):
    behind = client.get("/readyz")
    views_of(app).catch_up()
    caught_up = client.get("/readyz")

    assert behind.status_code == 200 and behind.json["outdated"] is False
    assert set(behind.json["lag"]) == set(SOURCES)
    assert behind.json["lag"]["participants"] == behind.json["positions"]["participants"] > 0
    assert caught_up.status_code == 200 and set(caught_up.json["lag"].values()) == {0}
    participants = next(s for s in caught_up.json["views"] if s["source"] == "participants")
    assert participants["views"] == ["organisations", "mentors"]
    assert participants["position"] == participants["head"]


def test_views_made_by_another_version_make_the_service_unready_and_reads_503(app, client,
                                                                               tokens):
    store = views_of(app).store
    store._ddl([f"UPDATE {store.table_name('schema')} SET fingerprint = 'older-shape'"])

    ready = client.get("/readyz")
    listed = client.get("/api/v1/agreements", headers=bearer(tokens.auditor))

    assert ready.status_code == 503 and ready.json["rule"] == "views_outdated"
    assert "projections rebuild" in ready.json["detail"]
    assert listed.status_code == 503 and listed.content_type == PROBLEM_JSON
    assert listed.json["rule"] == "views_outdated"


def test_readyz_is_503_when_the_views_cannot_be_opened(app, client, system):
    def unreachable(settings, system):
        raise OSError("no such views store")

    app.extensions["dualtrack"] = Runtime(system, projections_factory=unreachable)

    answer = client.get("/readyz")

    assert answer.status_code == 503 and answer.json["rule"] == "not_ready"
    assert answer.headers["Retry-After"]


def test_metrics_show_each_sources_projection_lag(app, client, tokens):
    text = client.get("/metrics").get_data(as_text=True)

    head = app.extensions["dualtrack"].system.participants.recorder.max_notification_id()
    assert "# TYPE dualtrack_projection_lag gauge" in text
    assert f'dualtrack_projection_lag{{source="participants"}} {float(head)}' in text
    assert 'dualtrack_projection_lag{source="agreements"} 0.0' in text

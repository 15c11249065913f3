"""Reading one's own writes: X-Min-Position / min_position, and X-Views-Stale.

On SQLite the reading request applies the missing events itself; on PostgreSQL it only
waits, for the ``dualtrack projections run`` worker, played here by a second
``Projections`` running in the background as that process would.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from interfaces.web.freshness import WAIT_SECONDS_CONFIG
from tests.interfaces.web.agreements.fixtures import AGREEMENTS, agreement_body, api

__all__ = ["api"]

MONITORING = "/api/v1/monitoring/dual-training"


@pytest.fixture
def worker(settings, system) -> Iterator[None]:
    """The projection worker of a PostgreSQL deployment; nothing on SQLite."""
    if settings.backend != "postgres":
        yield
        return
    projections = system.open_projections()
    stop = projections.start_background()
    try:
        yield
    finally:
        stop()
        projections.close()


def listed(answer) -> list[str]:
    return [item["number"] for item in answer.json["items"]]


def test_a_list_read_includes_the_write_whose_position_it_sends_back(api, worker):
    written = api.post(AGREEMENTS, agreement_body(number="RYW-1"))
    position = written.headers["X-Position"]

    answer = api.client.get(AGREEMENTS, headers=api.headers("college", X_Min_Position=position))

    assert written.status_code == 201
    assert answer.status_code == 200 and listed(answer) == ["RYW-1"]
    assert "X-Views-Stale" not in answer.headers
    assert "agreements:" in answer.headers["X-Views-Position"]


def test_the_position_may_also_be_a_parameter_and_a_bare_number_means_agreements(api, worker):
    written = api.post(AGREEMENTS, agreement_body(number="RYW-2"))
    bare = written.headers["X-Position"].rpartition(":")[2]

    answer = api.get(AGREEMENTS, "college", min_position=bare)

    assert listed(answer) == ["RYW-2"] and "X-Views-Stale" not in answer.headers


def test_a_monitoring_read_waits_for_the_position_too(api, worker):
    written = api.post(AGREEMENTS, agreement_body(number="RYW-3"))

    answer = api.get(MONITORING, "auditor", min_position=written.headers["X-Position"])

    assert answer.status_code == 200
    assert [row["agreements_draft"] for row in answer.json["rows"]] == [1]


def test_without_a_position_the_list_answers_at_once_from_the_views_as_they_are(api):
    api.post(AGREEMENTS, agreement_body(number="RYW-4"))

    answer = api.get(AGREEMENTS, "college")

    assert answer.status_code == 200 and listed(answer) == []  # nobody applied it yet


def test_a_read_whose_position_is_not_reached_in_time_answers_marked_stale(app: Flask, api):
    app.config[WAIT_SECONDS_CONFIG] = 0.2

    answer = api.get(AGREEMENTS, "college", min_position="agreements:1000000")

    assert answer.status_code == 200 and answer.headers["X-Views-Stale"] == "true"


def test_positions_of_applications_without_views_are_not_waited_for(app: Flask, api):
    app.config[WAIT_SECONDS_CONFIG] = 5

    answer = api.get(AGREEMENTS, "college", min_position="intake:1000000")

    assert answer.status_code == 200 and "X-Views-Stale" not in answer.headers


@pytest.mark.parametrize("position", ["ledger:3", "agreements:x", "agreements:-1"])
def test_a_malformed_position_is_422_naming_where_it_came_from(api, position):
    as_parameter = api.get(AGREEMENTS, "college", min_position=position)
    as_header = api.client.get(AGREEMENTS,
                               headers=api.headers("college", X_Min_Position=position))

    assert as_parameter.status_code == 422 and "min_position" in as_parameter.json["errors"]
    assert as_header.status_code == 422 and "X-Min-Position" in as_header.json["errors"]

"""GET /api/v1/monitoring/*: the figures (as computed from the aggregates themselves),
each monitor's scope, the roles that may read them, and no personal data."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.application.projections.world import (
    BACKENDS,
    expected_certificates,
    expected_dual_training,
    personal_data,
)
from tests.conftest import TODAY
from tests.interfaces.web.views_world import ViewsWorld, views_world

DUAL = "/api/v1/monitoring/dual-training"
CERTIFICATES = "/api/v1/monitoring/certificates"


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> Iterator[ViewsWorld]:
    with views_world(request.param, tmp_path_factory.mktemp("monitoring-api")) as built:
        yield built


def on_the_wire(rows: list[dict]) -> list[dict]:
    """Expected rows as JSON carries them: decimals as strings."""
    return [{k: str(v) if isinstance(v, Decimal) else v for k, v in row.items()} for row in rows]


def without_labels(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "label"} for row in rows]


@pytest.mark.parametrize("group_by", ["region", "college", "enterprise", "specialty"])
def test_the_figures_per_group_and_year_are_those_of_the_recorded_aggregates(world, group_by):
    answer = world.get(DUAL, "auditor", {"group_by": group_by})

    assert answer.status_code == 200
    assert answer.json["group_by"] == group_by and answer.json["as_of"] == TODAY.isoformat()
    assert without_labels(answer.json["rows"]) == on_the_wire(
        expected_dual_training(world.facts, group_by))


def test_the_figures_filter_by_intake_year_and_region(world):
    answer = world.get(DUAL, "monitor_national", {"group_by": "college", "year": 2026,
                                                  "region": "35"})

    assert answer.json["year"] == 2026 and answer.json["region"] == "35"
    assert without_labels(answer.json["rows"]) == on_the_wire(
        expected_dual_training(world.facts, "college", year=2026, region="35"))


def test_grouped_by_specialty_mentor_payments_are_not_applicable(world):
    rows = world.get(DUAL, "auditor", {"group_by": "specialty"}).json["rows"]

    assert rows and {row["mentor_payments_paid"] for row in rows} == {None}


def test_certificates_due_issued_and_overdue_per_college(world):
    answer = world.get(CERTIFICATES, "auditor")

    rows = [{k: v for k, v in row.items() if not k.endswith("_name")}
            for row in answer.json["rows"]]
    assert answer.status_code == 200 and rows == expected_certificates(world.facts)


@pytest.mark.parametrize("path", [DUAL, CERTIFICATES])
def test_a_regional_monitor_gets_its_own_region_without_asking(world, path):
    answer = world.get(path, "monitor_71")

    assert answer.status_code == 200 and answer.json["region"] == "71"
    regions = {row.get("region", row.get("group")) for row in answer.json["rows"]}
    assert regions == {"71"}


@pytest.mark.parametrize("path", [DUAL, CERTIFICATES, f"{DUAL}.csv", f"{CERTIFICATES}.xlsx"])
def test_a_regional_monitor_asking_for_another_region_is_refused(world, path):
    answer = world.get(path, "monitor_71", {"region": "35"})

    assert answer.status_code == 403 and answer.json["rule"] == "forbidden"


@pytest.mark.parametrize("caller", ["admin", "college", "enterprise", "trainee", "mentor"])
def test_only_monitors_and_auditors_read_monitoring_figures(world, caller):
    for path in (DUAL, CERTIFICATES, f"{DUAL}.xlsx"):
        assert world.get(path, caller).status_code == 403, (path, caller)


@pytest.mark.parametrize(("query", "field"), [
    ({"group_by": "trainee"}, "group_by"), ({"year": "last"}, "year"),
    ({"region": "99"}, "region"),
])
def test_a_bad_grouping_year_or_region_is_422_naming_it(world, query, field):
    answer = world.get(DUAL, "auditor", query)

    assert answer.status_code == 422 and field in answer.json["errors"]


def test_no_monitoring_answer_names_a_person(world):
    answers = [world.get(DUAL, "auditor", {"group_by": group}).get_data(as_text=True)
               for group in ("region", "college", "enterprise", "specialty")]
    answers.append(world.get(CERTIFICATES, "auditor").get_data(as_text=True))

    people = personal_data(world.system, world.facts)
    assert [person for person in people if any(person in text for text in answers)] == []

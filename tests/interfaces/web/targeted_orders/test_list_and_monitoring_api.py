"""The targeted orders list and the targeted-training monitoring figures over HTTP:
JSON, CSV and XLSX, read from the views with read-your-writes, no personal data."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.application.agreements.fixtures import COLLEGE_BIN, OTHER_COLLEGE_BIN
from tests.application.targeted_training.helpers import LARGE_BIN, register, student
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import Api, field_rule
from tests.interfaces.web.targeted_orders.world import order_body

api = fixtures.api

ORDERS = "/api/v1/targeted-orders"
FIGURES = "/api/v1/monitoring/targeted-training"
ENTERPRISE = ("enterprise", LARGE_BIN)
COLLEGE = ("college", COLLEGE_BIN)


@pytest.fixture
def written(api: Api) -> tuple[Api, str]:
    """Three orders of LARGE_BIN with COLLEGE_BIN: one accepted with a graduate overdue
    (graduated 2026-05-01, today 2026-11-23) and a student in training; and the position
    of the last write."""
    register(api.system)
    for number in ("TO-1", "TO-2", "TO-3"):
        assert api.post(ORDERS, order_body(number, COLLEGE_BIN, LARGE_BIN),
                        ENTERPRISE).status_code == 201
    order = api.post(ORDERS, order_body("TO-4", COLLEGE_BIN, LARGE_BIN), ENTERPRISE).json
    path = f"{ORDERS}/{order['id']}"
    api.post(f"{path}/acceptance", {"state_order_reference": "GOZ-1"}, COLLEGE)
    for serial in (1, 2):
        api.post(f"{path}/enrolments", {"trainee": {"iin": student(serial).value,
                                                    "full_name": "Arman Seitkali"},
                                        "enrolled_on": "2024-09-01"}, COLLEGE)
    last = api.post(f"{path}/enrolments/{student(1).value}/graduation", {"date": "2026-05-01"},
                    COLLEGE)
    # On PostgreSQL the views move only by a worker: be that worker, once.
    views = api.system.open_projections()
    try:
        views.catch_up()
    finally:
        views.close()
    return api, last.headers["X-Position"]


def test_the_list_pages_with_limit_and_cursor_and_a_next_link(written):
    api, position = written
    first = api.get(ORDERS, "auditor", limit=3, min_position=position)
    assert first.status_code == 200, first.json
    assert len(first.json["items"]) == 3 and first.json["next_cursor"]
    assert 'rel="next"' in first.headers["Link"]
    rest = api.get(ORDERS, "auditor", limit=3, cursor=first.json["next_cursor"])
    assert len(rest.json["items"]) == 1 and rest.json["next_cursor"] is None
    numbers = {i["number"] for i in first.json["items"] + rest.json["items"]}
    assert numbers == {"TO-1", "TO-2", "TO-3", "TO-4"}


def test_the_list_filters_by_status_and_shows_each_party_its_own(written):
    api, position = written
    found = api.get(ORDERS, COLLEGE, status="accepted", min_position=position).json["items"]
    assert [(i["number"], i["enrolled"], i["graduated"]) for i in found] == [("TO-4", 1, 1)]
    assert found[0]["href"].endswith(f"{ORDERS}/{found[0]['order_id']}")
    other = api.get(ORDERS, ("college", OTHER_COLLEGE_BIN), min_position=position).json
    assert other["items"] == []
    asked = api.get(ORDERS, COLLEGE, college_bin=OTHER_COLLEGE_BIN).json
    assert asked["items"] == []
    assert api.get(ORDERS, "monitor").status_code == 403


def test_a_bad_list_query_is_422_naming_the_field(written):
    api, _ = written
    assert field_rule(api.get(ORDERS, "auditor", status="lost"), "status") == "choice"
    assert field_rule(api.get(ORDERS, "auditor", cursor="zzz"), "cursor") == "cursor"
    assert api.get(ORDERS, "auditor", limit=501).status_code == 422


def test_the_figures_count_places_students_and_overdue_graduates(written):
    api, position = written
    answer = api.get(FIGURES, "monitor", group_by="college", min_position=position)
    assert answer.status_code == 200, answer.json
    (row,) = answer.json["rows"]
    assert (row["group"], row["year"], row["orders_submitted"], row["orders_accepted"]) == \
        (COLLEGE_BIN, 2024, 3, 1)
    assert (row["places"], row["enrolled"], row["graduated"], row["overdue"]) == (5, 1, 1, 1)
    assert answer.json["as_of"] == "2026-11-23"


def test_the_figures_hold_no_personal_data(written):
    api, position = written
    text = api.get(FIGURES, "auditor", group_by="enterprise",
                   min_position=position).get_data(as_text=True)
    assert student(1).value not in text and "Seitkali" not in text


def test_the_csv_and_xlsx_hold_the_json_rows(written):
    api, position = written
    rows = api.get(FIGURES, "auditor", group_by="region", min_position=position).json["rows"]
    answer = api.get(f"{FIGURES}.csv", "auditor", group_by="region")
    header, *body = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))
    assert answer.mimetype == "text/csv"
    assert header[:4] == ["Region code", "Region", "Intake year", "Orders: submitted"]
    assert [line[0] for line in body] == [row["group"] for row in rows]
    assert "targeted-training-by-region" in answer.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(api.get(f"{FIGURES}.xlsx", "auditor",
                                             group_by="region").get_data())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][-1] == "Graduates overdue"
    assert values[1][-1] == rows[0]["overdue"]


def test_a_regional_monitor_sees_only_its_region(written):
    api, _ = written
    assert api.get(FIGURES, ("monitor", "35"), region="71").status_code == 403
    assert api.get(FIGURES, COLLEGE).status_code == 403

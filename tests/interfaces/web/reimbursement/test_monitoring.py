"""``GET /api/v1/monitoring/reimbursement`` as JSON, CSV and XLSX: the same rows, no person."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook

from application.projections.reimbursement import REIMBURSEMENT_COLUMNS
from tests.application.agreements.fixtures import OTHER_COLLEGE_BIN
from tests.application.projections.world import BACKENDS
from tests.interfaces.web.views_world import ViewsWorld, views_world

FIGURES = "/api/v1/monitoring/reimbursement"


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> Iterator[ViewsWorld]:
    with views_world(request.param, tmp_path_factory.mktemp("reimbursement")) as built:
        yield built


def test_the_json_rows_per_region_and_academic_year(world):
    answer = world.get(FIGURES, "monitor_national", {"group_by": "region"})
    assert answer.status_code == 200
    rows = {(r["group"], r["academic_year"]): r for r in answer.json["rows"]}
    assert set(rows) == {("35", "2026-2027"), ("71", "2025-2026")}
    karaganda = rows[("35", "2026-2027")]
    assert (karaganda["claims_submitted"], karaganda["claims_paid"],
            karaganda["claims_rejected"], karaganda["claimed"], karaganda["approved"],
            karaganda["paid"], karaganda["budget"], karaganda["remaining"]) == (
        1, 1, 1, "90000.00", "60000.00", "60000.00", "100000.00", "40000.00")


def test_a_regional_monitor_sees_its_region_only_and_others_are_refused(world):
    own = world.get(FIGURES, "monitor_71", {"group_by": "college"})
    assert {r["group"] for r in own.json["rows"]} == {OTHER_COLLEGE_BIN}
    assert {r["academic_year"] for r in own.json["rows"]} == {"2025-2026"}
    assert world.get(FIGURES, "monitor_71", {"region": "35"}).status_code == 403
    assert world.get(FIGURES, "college").status_code == 403
    assert world.get(FIGURES, "admin").status_code == 403


def test_the_downloads_hold_the_json_rows_under_readable_headers(world):
    query = {"group_by": "enterprise"}
    rows = world.get(FIGURES, "auditor", query).json["rows"]
    answer = world.get(FIGURES + ".csv", "auditor", query)
    assert answer.headers["Content-Disposition"].startswith(
        'attachment; filename="reimbursement-by-enterprise')
    table = list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))
    assert table[0][:4] == ["Enterprise BIN", "Enterprise", "Academic year starts",
                            "Academic year"]
    assert [line[0] for line in table[1:]] == [row["group"] for row in rows]
    assert table[1][REIMBURSEMENT_COLUMNS.index("budget")] == ""  # no budget per enterprise
    workbook = load_workbook(io.BytesIO(world.get(FIGURES + ".xlsx", "auditor", query).data))
    sheet = workbook.active
    assert [c.value for c in sheet[1]][-1] == "Budget remaining, KZT"
    assert sheet.max_row == len(rows) + 1

"""``GET /api/v1/monitoring/patronage`` as JSON, CSV and XLSX, for monitors and auditors."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from application.patronage import commands as c
from domain.shared.money import Money
from tests.application.patronage.fixtures import ENTERPRISE, in_force, register_organisations
from tests.interfaces.web.agreements.fixtures import Api, field_rule

FIGURES = "/api/v1/monitoring/patronage"
AUDITOR = ("auditor", None)


@pytest.fixture
def api(client, system, app) -> Api:
    register_organisations(system)
    memorandum = in_force(system)
    system.patronage.record_material_aid(ENTERPRISE, c.RecordMaterialAid(
        memorandum.id, Money.of("1500000"), date(2026, 11, 23), "CNC lathe"))
    app.extensions["dualtrack"].projections.catch_up()
    return Api(client, system)


def test_the_figures_as_json(api) -> None:
    answer = api.get(FIGURES, AUDITOR, group_by="region", year=2026)
    assert answer.status_code == 200
    assert answer.json["rows"] == [{
        "group": "35", "label": "Karaganda", "year": 2026, "patron_enterprises": 1,
        "memoranda_in_force": 1, "programmes_developed": 0, "commitments_fulfilled": 0,
        "fulfilled_quantity": 0, "material_aid": "1500000.00"}]


def test_the_figures_as_csv_and_xlsx(api) -> None:
    csv = api.get(f"{FIGURES}.csv", ("monitor", "35"), group_by="college")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    header, row = csv.get_data().decode("utf-8-sig").splitlines()[:2]
    assert header.startswith("College BIN,College,Year,Patron enterprises,Memoranda in force")
    assert row.endswith(",1500000.00")
    xlsx = api.get(f"{FIGURES}.xlsx", AUDITOR, group_by="enterprise")
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet["A1"].value == "Enterprise BIN" and sheet.max_row == 4  # 2026-2028


def test_bad_parameters_and_other_roles_are_refused(api) -> None:
    assert field_rule(api.get(FIGURES, AUDITOR, group_by="specialty"), "group_by")
    assert api.get(FIGURES, ("monitor", "55"), region="35").status_code == 403
    assert api.get(FIGURES, ENTERPRISE_CALLER).status_code == 403


ENTERPRISE_CALLER = ("enterprise", ENTERPRISE.subject)

"""The dashboard's panels of the other programmes (reimbursement, targeted training,
patronage), over the demo on SQLite and PostgreSQL: each cell is the figure the JSON
monitoring endpoint gives for that region and year, each panel has at most 8 columns
and links to its CSV and XLSX, which hold the endpoint's rows."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

import pytest

from interfaces.web.dashboard.figures import PATRONAGE_SHOWN, REIMBURSEMENT_SHOWN, TARGETED_SHOWN
from tests.interfaces.web.dashboard.test_dashboard import cells

DASHBOARD = "/dashboard"
PANELS = [("reimbursement", "reimbursement", REIMBURSEMENT_SHOWN),
          ("targeted-training", "targeted-training", TARGETED_SHOWN),
          ("patronage", "patronage", PATRONAGE_SHOWN)]


def shown_as(value: object) -> str:
    return "\u2014" if value is None else str(value)


def as_figure(text: str) -> str:
    """A cell as its plain figure: the page writes money as ``₸57,200.50`` and counts with
    group separators in English (the tests' language); the API writes ``57200.50``."""
    plain = text.replace("\u20b8", "").replace(",", "").replace("\xa0", "").strip()
    try:
        return str(Decimal(plain))
    except InvalidOperation:
        return text


def api_rows(world, name: str, caller: str, **query) -> dict[str, dict]:
    answer = world.get(f"/api/v1/monitoring/{name}", caller, {"group_by": "region", **query})
    assert answer.status_code == 200, answer.json
    return {f"{row['group']}/{row['year']}": row for row in answer.json["rows"]}


@pytest.mark.parametrize("table_id,name,columns", PANELS)
def test_each_panel_shows_the_apis_figures_by_region_and_year(demo_world, table_id, name,
                                                              columns):
    page = demo_world.get(DASHBOARD, "monitor_national").get_data(as_text=True)
    shown = cells(page, table_id)
    expected = api_rows(demo_world, name, "monitor_national")

    assert len(columns) <= 8
    assert shown and set(shown) == set(expected)
    assert {key: {column: as_figure(text) for column, text in row.items()}
            for key, row in shown.items()} == {
        key: {column + (" text" if n < 2 else ""): as_figure(shown_as(row[column]))
              for n, column in enumerate(columns)}
        for key, row in expected.items()}
    money = [column for column in columns if column in {"claimed", "approved", "paid",
                                                         "budget", "remaining", "material_aid"}]
    assert all("\u20b8" in row[column] for row in shown.values() for column in money
               if row[column] != "\u2014")  # money is shown as money
    assert any(int(row["year"]) for row in expected.values())
    assert f'/dashboard/{name}.csv?' in page and f'/dashboard/{name}.xlsx?' in page


@pytest.mark.parametrize("table_id,name,columns", PANELS)
def test_a_regional_monitor_and_the_year_filter_narrow_every_panel(demo_world, table_id,
                                                                   name, columns):
    everything = api_rows(demo_world, name, "auditor")
    year = min(int(key.split("/")[1]) for key in everything)
    page = demo_world.get(DASHBOARD, "monitor_71", {"year": year}).get_data(as_text=True)
    shown = cells(page, table_id)
    assert set(shown) == set(api_rows(demo_world, name, "monitor_71", year=year)) == {
        key for key in everything if key.startswith("71/") and key.endswith(f"/{year}")}


@pytest.mark.parametrize("name", ["reimbursement", "targeted-training", "patronage"])
def test_each_panels_downloads_hold_the_endpoints_rows(demo_world, name):
    expected = api_rows(demo_world, name, "auditor")
    answer = demo_world.get(f"{DASHBOARD}/{name}.csv", "auditor", {"region": "", "year": ""})
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    header, *body = csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig")))
    assert header[:2] == ["Region code", "Region"]
    assert len(body) == len(expected)
    assert {row[0] for row in body} == {key.split("/")[0] for key in expected}
    xlsx = demo_world.get(f"{DASHBOARD}/{name}.xlsx", "auditor")
    assert xlsx.status_code == 200 and xlsx.get_data()[:2] == b"PK"

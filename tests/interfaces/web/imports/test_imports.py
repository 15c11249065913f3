"""The intake import over HTTP: template, CSV (`;`, `,`, BOM) and XLSX, limits, the job."""

from __future__ import annotations

import io
import time
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from domain.shared.identifiers import BIN, compose_iin
from interfaces.web.resources.imports.template import COLUMNS
from tests.interfaces.web.api_world import C1, E1, populated_app

HEADER_EN = [c.key for c in COLUMNS]
HEADER_RU = [c.ru for c in COLUMNS]
HEADER_KK = [c.kk for c in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def trainee(serial: int) -> str:
    return compose_iin(date(2004, 4, 4), male=True, serial=8100 + serial).value


def cells(number: str, serial: int, **change: str) -> list[str]:
    values = {"number": number, "enterprise_bin": E1, "trainee_iin": trainee(serial),
              "trainee_full_name": "Dana Akhmetova", "representative_iin": "",
              "representative_full_name": "", "specialty_code": "07150200",
              "qualification": "Electric and gas welder", "start_date": "2026-09-01",
              "end_date": "2027-06-30", "planned_practice_months": "8",
              "workplace": "Welding shop No. 2", **change}
    return [values[key] for key in HEADER_EN]


def csv_file(rows: list[list[str]], *, header=HEADER_EN, sep=",", bom=False) -> bytes:
    text = "\r\n".join(sep.join(row) for row in [header, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with populated_app(tmp_path_factory.mktemp("imports")) as (app, world):
        yield app.test_client(), world


def post(api, data: bytes, content_type="text/csv", query="", caller="college"):
    client, world = api
    return client.post(f"/api/v1/imports/agreements{query}", data=data,
                       content_type=content_type, headers=world.headers(caller))


def finished(api, answer, caller="college"):
    client, world = api
    assert answer.status_code == 202, answer.get_data(True)
    location = answer.headers["Location"]
    for _ in range(200):
        report = client.get(location, headers=world.headers(caller)).get_json()
        if report["status"] in ("done", "failed"):
            return report
        time.sleep(0.05)
    raise AssertionError(f"the import did not finish: {report}")


def test_a_csv_with_semicolons_and_a_bom_in_russian_imports_every_row(api):
    data = csv_file([cells("HI-1", 1), cells("HI-2", 2)], header=HEADER_RU, sep=";", bom=True)
    report = finished(api, post(api, data))
    assert report["status"] == "done", report
    assert (report["rows"], report["valid"], report["created"]) == (2, 2, 2)
    assert report["errors"] == []


def test_an_xlsx_in_kazakh_with_a_formula_cell_keeps_the_formula_as_text(api):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER_KK)
    sheet.append(cells("HI-3", 3, workplace='=HYPERLINK("http://x","shop")'))
    out = io.BytesIO()
    workbook.save(out)
    report = finished(api, post(api, out.getvalue(), XLSX))
    assert report["created"] == 1, report
    _, world = api
    agreement_id = world.system.agreements.find_by_number(BIN.parse(C1), "HI-3")
    agreement = world.system.agreements.agreement_unchecked(agreement_id)
    assert agreement.workplace == '=HYPERLINK("http://x","shop")'


def test_errors_name_row_column_and_rule_and_mode_all_writes_nothing(api):
    data = csv_file([cells("HI-4", 4), cells("HI-5", 5, trainee_iin="123456789012"),
                     cells("HI-6", 6, end_date="2026-13-01"), cells("HI-4", 7)])
    report = finished(api, post(api, data))
    found = {(e["row"], e["column"], e["rule"]) for e in report["errors"]}
    assert found == {(3, "trainee_iin", "check_digit"), (4, "end_date", "date"),
                     (5, "number", "duplicate_number")}, report["errors"]
    assert report["created"] == 0 and report["invalid"] == 3
    assert all(e["detail"] for e in report["errors"])


def test_mode_valid_writes_the_valid_rows_and_the_same_file_again_creates_nothing(api):
    data = csv_file([cells("HI-8", 8), cells("HI-9", 9, trainee_iin="1")])
    first = finished(api, post(api, data, query="?mode=valid"))
    assert (first["created"], first["invalid"]) == (1, 1)
    again = finished(api, post(api, data, query="?mode=valid"))
    assert (again["created"], again["already_present"]) == (0, 1)


def test_a_dry_run_writes_nothing_and_a_short_plan_is_flagged(api):
    data = csv_file([cells("HI-10", 10, planned_practice_months="4")])
    report = finished(api, post(api, data, query="?dry_run=true"))
    assert report["created"] == 0 and report["errors"] == []
    assert [w["rule"] for w in report["warnings"]] == ["practice_plan_flagged"]


@pytest.mark.parametrize(("data", "status", "rule"), [
    (csv_file([cells("X", 1)], header=[*HEADER_EN[:-1], "colour"]), 422, "unknown_column"),
    (csv_file([cells("X", 1)[:-1]], header=HEADER_EN[:-1]), 422, "missing_column"),
    ("номер;".encode("cp1251") + b"\xff\xfe\n", 422, "encoding"),
    (b"\x00\x01binary\x00", 415, "unsupported_file"),
    (b"PK\x03\x04 not really a workbook", 415, "unsupported_file"),
    (b"", 400, "file_required"),
])
def test_a_file_it_cannot_read_is_refused_with_a_named_rule(api, data, status, rule):
    answer = post(api, data)
    assert answer.status_code == status, answer.get_data(True)
    assert answer.get_json()["rule"] == rule


def test_the_limits_on_size_and_rows(api, monkeypatch):
    _, world = api
    settings = world.system.settings
    monkeypatch.setattr(world.system, "settings", replace(settings, import_max_rows=1,
                                                          import_max_bytes=2000))
    answer = post(api, csv_file([cells("L-1", 1), cells("L-2", 2)]))
    assert (answer.status_code, answer.get_json()["rule"]) == (422, "too_many_rows")
    answer = post(api, csv_file([cells("L-1", 1)] * 20))
    assert answer.status_code == 413


def test_a_multipart_upload_is_read_too(api):
    client, world = api
    data = {"file": (io.BytesIO(csv_file([cells("HI-11", 11)])), "intake.csv")}
    answer = client.post("/api/v1/imports/agreements", data=data,
                         content_type="multipart/form-data", headers=world.headers("college"))
    assert finished(api, answer)["created"] == 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_round_trips_its_example_row(api, file_format):
    client, world = api
    answer = client.get(f"/api/v1/imports/agreements/template.{file_format}",
                        headers=world.headers("college"))
    assert answer.status_code == 200
    if file_format == "xlsx":
        sheet = load_workbook(io.BytesIO(answer.data), read_only=True).worksheets[0]
        assert [c.value for c in next(sheet.iter_rows(max_row=1))][0].endswith("number")
    report = finished(api, post(api, answer.data, XLSX if file_format == "xlsx"
                                else "text/csv", query="?dry_run=true"))
    # Every cell of the example parses; only its enterprise is not registered here.
    assert [e["rule"] for e in report["errors"]] == ["unknown_organisation"]
    assert report["rows"] == 1


def test_another_college_does_not_see_the_job(api):
    answer = post(api, csv_file([cells("HI-12", 12)]), query="?dry_run=true")
    finished(api, answer)
    client, world = api
    other = client.get(answer.headers["Location"], headers=world.headers("other_college"))
    assert other.status_code == 404

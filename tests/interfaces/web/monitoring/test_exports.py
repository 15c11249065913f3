"""The monitoring downloads: CSV and XLSX with the JSON rows' columns, readable headers,
an attachment file name, and text that a spreadsheet never runs as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from application.projections.monitoring import (
    CERTIFICATE_COLUMNS,
    DUAL_TRAINING_COLUMNS,
    CertificateFigures,
)
from interfaces.web.resources.monitoring import exports
from tests.application.projections.world import BACKENDS
from tests.interfaces.web.views_world import ViewsWorld, views_world

DUAL = "/api/v1/monitoring/dual-training"
CERTIFICATES = "/api/v1/monitoring/certificates"
QUERY = {"group_by": "college", "year": 2026, "region": "35"}


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> Iterator[ViewsWorld]:
    with views_world(request.param, tmp_path_factory.mktemp("exports")) as built:
        yield built


def csv_rows(answer) -> list[list[str]]:
    return list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig"))))


def as_text(value: object) -> str:
    return "" if value is None else str(value)


def test_the_csv_has_the_json_rows_under_readable_headers(world):
    answer = world.get(f"{DUAL}.csv", "auditor", QUERY)
    rows = world.get(DUAL, "auditor", QUERY).json["rows"]

    header, *body = csv_rows(answer)
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.get_data().startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    assert header[:4] == ["College BIN", "College", "Intake year", "Enterprises involved"]
    assert len(header) == len(DUAL_TRAINING_COLUMNS) and "Certificates overdue" in header
    assert rows and body == [[as_text(row[c]) for c in DUAL_TRAINING_COLUMNS] for row in rows]


def test_a_download_is_an_attachment_named_after_what_it_holds(world):
    answer = world.get(f"{DUAL}.xlsx", "auditor", QUERY)
    regional = world.get(f"{CERTIFICATES}.csv", "monitor_71")

    assert answer.headers["Content-Disposition"] == (
        'attachment; filename="dual-training-by-college-region-35-year-2026-as-of-2026-11-23.xlsx"')
    assert regional.headers["Content-Disposition"] == (
        'attachment; filename="certificates-region-71-as-of-2026-11-23.csv"')


def test_the_xlsx_holds_the_same_rows_with_numbers_as_numbers(world):
    answer = world.get(f"{DUAL}.xlsx", "auditor", QUERY)
    rows = world.get(DUAL, "auditor", QUERY).json["rows"]

    sheet = load_workbook(io.BytesIO(answer.get_data())).active
    header, *body = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert answer.mimetype == exports.XLSX and sheet.title == "Dual training by college"
    assert header == list(exports.dual_training_table([], "college").headers)
    expected = [[Decimal(row[c]) if c in exports.dual_training_table([], "college").money
                 or c == "trainees_per_mentor" else row[c] for c in DUAL_TRAINING_COLUMNS]
                for row in rows]
    assert [[Decimal(str(v)) if isinstance(v, float) else v for v in row] for row in body] \
        == expected
    paid = DUAL_TRAINING_COLUMNS.index("compensation_paid") + 1
    assert sheet.cell(row=2, column=paid).number_format == "#,##0.00"


def test_the_certificate_downloads_have_the_certificate_columns(world):
    rows = world.get(CERTIFICATES, "auditor").json["rows"]
    as_csv = csv_rows(world.get(f"{CERTIFICATES}.csv", "auditor"))
    as_xlsx = load_workbook(io.BytesIO(world.get(f"{CERTIFICATES}.xlsx", "auditor").get_data()))

    expected = [[str(row[c]) for c in CERTIFICATE_COLUMNS] for row in rows]
    assert as_csv[0] == ["Region code", "Region", "College BIN", "College", "Certificates due",
                         "Certificates issued", "Certificates overdue"]
    assert rows and as_csv[1:] == expected
    xlsx_rows = list(as_xlsx.active.iter_rows(min_row=2, values_only=True))
    assert [[str(v) for v in row] for row in xlsx_rows] == expected


def test_text_that_looks_like_a_formula_stays_text_in_both_formats():
    sneaky = CertificateFigures("35", "Karaganda", "090440000012", "=HYPERLINK(\"http://x\")",
                                1, 0, 0)
    table = exports.certificates_table([sneaky, replace(sneaky, college_name="@SUM(A1)")])

    body = list(csv.reader(io.StringIO(exports.to_csv(table).decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(table))).active

    assert [row[3] for row in body[1:]] == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]
    cells = [sheet.cell(row=n, column=4) for n in (2, 3)]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=HYPERLINK(\"http://x\")", "s"), ("@SUM(A1)", "s")]


def test_every_figure_has_a_readable_header():
    assert set(DUAL_TRAINING_COLUMNS[2:]) | set(CERTIFICATE_COLUMNS) <= set(exports.HEADERS)

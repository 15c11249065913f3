"""Monitoring figures as tables with readable headers, and those tables as CSV or XLSX.

The columns are the JSON rows' columns in the same order (``DUAL_TRAINING_COLUMNS``,
``CERTIFICATE_COLUMNS``), each with a header a person reads; the dashboard shows the
same tables. A figure without a header here fails loudly (KeyError), so a new
column cannot silently drop out of the downloads.

CSV is UTF-8 with a byte-order mark, comma-separated, one header row: the mark is what
makes Excel read the file as UTF-8 (organisation names are often Cyrillic). Text that
a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is stored as
text, in both formats.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from application.projections.deadlines import (
    DEADLINE_COLUMNS,
    KIND_NAMES,
    KIND_TITLES,
    DeadlineFigures,
)
from application.projections.monitoring import (
    CERTIFICATE_COLUMNS,
    DUAL_TRAINING_COLUMNS,
    CertificateFigures,
    DualTrainingFigures,
)

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV, "xlsx": XLSX}

GROUP_HEADERS = {"region": ("Region code", "Region"), "college": ("College BIN", "College"),
                 "enterprise": ("Enterprise BIN", "Enterprise"),
                 "specialty": ("Specialty code", "Specialty")}
HEADERS = {
    "year": "Intake year", "enterprises": "Enterprises involved",
    "agreements_draft": "Agreements: draft", "agreements_active": "Agreements: active",
    "agreements_suspended": "Agreements: suspended",
    "agreements_completed": "Agreements: completed",
    "agreements_terminated": "Agreements: terminated",
    "agreements_cancelled": "Agreements: cancelled", "trainees": "Trainees",
    "trainees_in_training": "Trainees in training", "mentors": "Mentors",
    "trainees_per_mentor": "Trainees per mentor", "practice_months": "Practice: months",
    "practice_days": "Practice: days", "compensation_paid": "Compensation paid, KZT",
    "mentor_payments_approved": "Mentor payments approved, KZT",
    "mentor_payments_paid": "Mentor payments paid, KZT",
    "mentor_payments_reversed": "Mentor payments reversed, KZT",
    "certificates_due": "Certificates due", "certificates_issued": "Certificates issued",
    "certificates_overdue": "Certificates overdue",
    "region": "Region code", "region_name": "Region", "college_bin": "College BIN",
    "college_name": "College", "due": "Certificates due", "issued": "Certificates issued",
    "overdue": "Certificates overdue",
}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: list[tuple[object, ...]]
    money: frozenset[str] = field(default_factory=frozenset)


def dual_training_table(figures: Iterable[DualTrainingFigures], group_by: str) -> Table:
    headers = (*GROUP_HEADERS[group_by], *(HEADERS[c] for c in DUAL_TRAINING_COLUMNS[2:]))
    rows = [tuple(f.as_dict()[c] for c in DUAL_TRAINING_COLUMNS) for f in figures]
    money = frozenset(c for c in DUAL_TRAINING_COLUMNS
                      if c.startswith(("compensation", "mentor_payments")))
    return Table(f"Dual training by {group_by}", DUAL_TRAINING_COLUMNS, headers, rows, money)


def certificates_table(figures: Iterable[CertificateFigures]) -> Table:
    rows = [tuple(f.as_dict()[c] for c in CERTIFICATE_COLUMNS) for f in figures]
    return Table("Certificates by college", CERTIFICATE_COLUMNS,
                 tuple(HEADERS[c] for c in CERTIFICATE_COLUMNS), rows)


def deadlines_table(figures: Iterable[DeadlineFigures], group_by: str) -> Table:
    headers = (*GROUP_HEADERS[group_by], *(KIND_TITLES[c] for c in KIND_NAMES),
               "Overdue in all")
    rows = [tuple(f.as_dict()[c] for c in DEADLINE_COLUMNS) for f in figures]
    return Table(f"Overdue deadlines by {group_by}", DEADLINE_COLUMNS, headers, rows)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(_FORMULA_STARTS) else text


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([_as_text(value) for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, *, subject: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.title[:31]  # Excel's limit
    workbook.properties.title, workbook.properties.subject = table.title, subject
    workbook.properties.creator = "dualtrack"
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        if column in table.money or column == "trainees_per_mentor":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0.00"
        width = max([len(str(table.headers[index - 1]))] +
                    [len(_as_text(row[index - 1])) for row in table.rows])
        sheet.column_dimensions[letter].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render(table: Table, file_format: str, *, subject: str = "") -> bytes:
    return to_csv(table) if file_format == "csv" else to_xlsx(table, subject=subject)


def filename(stem: str, parts: Sequence[tuple[str, object]], as_of: date,
             file_format: str) -> str:
    """``dual-training-by-region-region-35-year-2026-as-of-2026-11-23.csv``."""
    named = "".join(f"-{name}-{value}" for name, value in parts if value not in (None, ""))
    return f"{stem}{named}-as-of-{as_of.isoformat()}.{file_format}"


def attachment(name: str) -> str:
    return f'attachment; filename="{name}"'


__all__ = ["CSV", "FORMATS", "XLSX", "Table", "attachment", "certificates_table",
           "deadlines_table", "dual_training_table", "filename", "render", "to_csv", "to_xlsx"]

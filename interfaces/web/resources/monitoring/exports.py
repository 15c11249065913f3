"""Monitoring figures as tables with readable headers, and those tables as CSV or XLSX.

The columns are the JSON rows' columns in the same order (``DUAL_TRAINING_COLUMNS``,
``CERTIFICATE_COLUMNS``), each with a header a person reads; the dashboard shows the
same tables. A figure without a header here fails loudly (KeyError), so a new
column cannot silently drop out of the downloads.

Headers, titles and the names of regions and specialties are in the request's language
(``interfaces.i18n``); codes, BINs and figures are the same in every language.

CSV is UTF-8 with a byte-order mark, one header row: the mark is what makes Excel read
the file as UTF-8 (organisation names are often Cyrillic). In ``en`` it is
comma-separated; in ``ru`` and ``kk`` it is separated by ``;`` (the list separator Excel
uses there) with every field quoted and decimals written with a comma, so Excel opens it
as columns of numbers. Text that a spreadsheet would run as a formula (``=``, ``+``,
``-``, ``@`` first, also right after a ``;``, ``,`` or tab inside the text, where a
spreadsheet splitting on another separator would start a cell) gets a ``'`` before it,
so ``Acme;=1+2;`` is written ``Acme;'=1+2;``; XLSX cells are typed as text, never
formulas. XLSX is the recommended download.
"""

from __future__ import annotations

import csv
import io
import re
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
from interfaces import i18n
from interfaces.i18n import N_
from interfaces.i18n.reference import group_label

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {"csv": CSV, "xlsx": XLSX}

GROUP_HEADERS = {"region": (N_("Region code"), N_("Region")),
                 "college": (N_("College BIN"), N_("College")),
                 "enterprise": (N_("Enterprise BIN"), N_("Enterprise")),
                 "specialty": (N_("Specialty code"), N_("Specialty"))}
HEADERS = {
    "year": N_("Intake year"), "enterprises": N_("Enterprises involved"),
    "agreements_draft": N_("Agreements: draft"), "agreements_active": N_("Agreements: active"),
    "agreements_suspended": N_("Agreements: suspended"),
    "agreements_completed": N_("Agreements: completed"),
    "agreements_terminated": N_("Agreements: terminated"),
    "agreements_cancelled": N_("Agreements: cancelled"), "trainees": N_("Trainees"),
    "trainees_in_training": N_("Trainees in training"), "mentors": N_("Mentors"),
    "trainees_per_mentor": N_("Trainees per mentor"), "practice_months": N_("Practice: months"),
    "practice_days": N_("Practice: days"), "compensation_paid": N_("Compensation paid, KZT"),
    "mentor_payments_approved": N_("Mentor payments approved, KZT"),
    "mentor_payments_paid": N_("Mentor payments paid, KZT"),
    "mentor_payments_reversed": N_("Mentor payments reversed, KZT"),
    "certificates_due": N_("Certificates due"), "certificates_issued": N_("Certificates issued"),
    "certificates_overdue": N_("Certificates overdue"),
    "region": N_("Region code"), "region_name": N_("Region"), "college_bin": N_("College BIN"),
    "college_name": N_("College"), "due": N_("Certificates due"),
    "issued": N_("Certificates issued"), "overdue": N_("Certificates overdue"),
}
TITLES = {"region": N_("Dual training by region"), "college": N_("Dual training by college"),
          "enterprise": N_("Dual training by enterprise"),
          "specialty": N_("Dual training by specialty")}
DEADLINE_TITLES = {"region": N_("Overdue deadlines by region"),
                   "college": N_("Overdue deadlines by college")}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A formula start right after a separator, where a cell would begin if the text were split.
_AFTER_SEPARATOR = re.compile(r"([;,\t]\s*)([=+\-@])")
SEMICOLON_LOCALES = ("ru", "kk")


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    headers: tuple[str, ...]
    rows: list[tuple[object, ...]]
    money: frozenset[str] = field(default_factory=frozenset)


def _translated(headers: Iterable[str]) -> tuple[str, ...]:
    return tuple(i18n.gettext(header) for header in headers)


def dual_training_table(figures: Iterable[DualTrainingFigures], group_by: str) -> Table:
    headers = _translated((*GROUP_HEADERS[group_by],
                           *(HEADERS[c] for c in DUAL_TRAINING_COLUMNS[2:])))
    rows = []
    for f in figures:
        values = f.as_dict()
        values["label"] = group_label(group_by, f.group, f.label)
        rows.append(tuple(values[c] for c in DUAL_TRAINING_COLUMNS))
    money = frozenset(c for c in DUAL_TRAINING_COLUMNS
                      if c.startswith(("compensation", "mentor_payments")))
    return Table(i18n.gettext(TITLES[group_by]), DUAL_TRAINING_COLUMNS, headers, rows, money)


def certificates_table(figures: Iterable[CertificateFigures]) -> Table:
    rows = []
    for f in figures:
        values = f.as_dict()
        values["region_name"] = group_label("region", f.region, str(values["region_name"]))
        rows.append(tuple(values[c] for c in CERTIFICATE_COLUMNS))
    return Table(i18n.gettext("Certificates by college"), CERTIFICATE_COLUMNS,
                 _translated(HEADERS[c] for c in CERTIFICATE_COLUMNS), rows)


def deadlines_table(figures: Iterable[DeadlineFigures], group_by: str) -> Table:
    # The kinds' titles are the application's English; the catalogues hold each of them.
    headers = _translated((*GROUP_HEADERS[group_by], *(KIND_TITLES[c] for c in KIND_NAMES),
                           N_("Overdue in all")))
    rows = []
    for f in figures:
        values = f.as_dict()
        if group_by == "region":
            values["label"] = group_label("region", str(values["group"]), str(values["label"]))
        rows.append(tuple(values[c] for c in DEADLINE_COLUMNS))
    return Table(i18n.gettext(DEADLINE_TITLES.get(group_by, "Overdue deadlines")),
                 DEADLINE_COLUMNS, headers, rows)


def guard(text: str) -> str:
    """``text`` that no spreadsheet runs as a formula, whichever separator it splits on."""
    guarded = _AFTER_SEPARATOR.sub(r"\1'\2", text)
    return "'" + guarded if guarded.startswith(_FORMULA_STARTS) else guarded


def _as_text(value: object, decimal_comma: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard(value)
    text = str(value)
    return text.replace(".", ",") if decimal_comma and not isinstance(value, date) else text


def to_csv(table: Table, locale: str | None = None) -> bytes:
    """``,`` in ``en``; in ``ru`` and ``kk`` ``;``, every field quoted, decimal commas."""
    semicolon = (locale or i18n.current_locale()) in SEMICOLON_LOCALES
    out = io.StringIO()
    writer = (csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
              if semicolon else csv.writer(out, lineterminator="\r\n"))
    writer.writerow([guard(i18n.gettext(header)) for header in table.headers])
    writer.writerows([_as_text(value, semicolon) for value in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, *, subject: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.title[:31]  # Excel's limit
    workbook.properties.title, workbook.properties.subject = table.title, subject
    workbook.properties.creator = "dualtrack"
    sheet.append(_translated(table.headers))
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

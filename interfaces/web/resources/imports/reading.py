"""An intake file read into rows of text: CSV (UTF-8, with or without BOM, ``;`` or ``,``)
or XLSX (openpyxl, read-only), within the limits, with every column known.

Nothing is ever evaluated: a cell is its text (an XLSX formula is read as the formula's
text, not its result), and one that starts with ``=``, ``+``, ``-`` or ``@`` stays text.
A file-level problem is a ``FileProblem`` (the request is refused whole).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from interfaces.web.resources.imports.template import BY_NAME, COLUMNS, normal

XLSX_MAGIC = b"PK\x03\x04"
_RUSSIAN_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")


class FileProblem(Exception):
    def __init__(self, status: int, rule: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.rule, self.detail = status, rule, detail


@dataclass(frozen=True)
class Sheet:
    columns: list[str]  # the keys of the file's columns, in its order
    rows: list[tuple[int, dict[str, str]]]  # (row number, key -> text); the header is row 1


def read(data: bytes, *, max_bytes: int, max_rows: int) -> Sheet:
    if len(data) > max_bytes:
        raise FileProblem(413, "file_too_large", f"the file has {len(data):,} bytes; at most "
                          f"{max_bytes:,} are accepted")
    if not data.strip():
        raise FileProblem(422, "empty_file", "the file is empty")
    table = _xlsx(data) if data.startswith(XLSX_MAGIC) else _csv(data)
    header, *body = table
    columns = _columns(header)
    rows = [(number, dict(zip(columns, (_text(v) for v in values), strict=False)))
            for number, values in enumerate(body, start=2)
            if any(_text(v) for v in values)]
    if len(rows) > max_rows:
        raise FileProblem(422, "too_many_rows", f"the file has {len(rows):,} rows; at most "
                          f"{max_rows:,} are accepted in one import")
    return Sheet(columns, rows)


def _csv(data: bytes) -> list[list[Any]]:
    if b"\x00" in data[:4096]:
        raise FileProblem(415, "unsupported_file", "the file is neither CSV nor XLSX")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(422, "encoding", f"the file is not UTF-8 text (byte "
                          f"{error.start}); save it as CSV UTF-8 or as XLSX") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        # data_only=False: a formula is read as its text, never as a (cached) result.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise FileProblem(415, "unsupported_file",
                          f"the file is neither CSV nor a readable XLSX: {error}") from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _columns(header: list[Any]) -> list[str]:
    names = [_text(name) for name in header]
    while names and not names[-1]:
        names.pop()
    unknown = [name for name in names if normal(name) not in BY_NAME]
    if unknown:
        raise FileProblem(422, "unknown_column", "unknown column(s): " + ", ".join(
            repr(n) for n in unknown) + "; the template's columns are " + ", ".join(
            c.key for c in COLUMNS))
    keys = [BY_NAME[normal(name)].key for name in names]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise FileProblem(422, "duplicate_column", "column(s) given twice: " + ", ".join(twice))
    missing = [c.key for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        raise FileProblem(422, "missing_column", "missing column(s): " + ", ".join(missing))
    return keys


def _text(value: Any) -> str:
    """A cell as text: dates as ISO dates, whole numbers without ``.0``, the rest as is."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if match := _RUSSIAN_DATE.match(text):
        day, month, year = match.groups()
        return f"{year}-{month}-{day}"
    return text

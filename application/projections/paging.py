"""API.md's one list shape: ``limit`` rows after an opaque ``cursor``, in a stable order.

The cursor names how many rows came before the next page, in the list's fixed order
(columns that never change for a row, then its key), so pages neither skip nor repeat
rows that exist when the first page is read. A client passes ``next_cursor`` back as
it was; it is null on the last page.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from application.projections.ports import Row, ViewStore
from application.projections.schema import Table
from domain.shared.errors import InvalidValueError

DEFAULT_LIMIT, MAX_LIMIT = 50, 500
Order = Sequence[tuple[str, bool]]


@dataclass(frozen=True)
class CursorPage:
    items: list[Row]
    next_cursor: str | None

    @classmethod
    def empty(cls) -> CursorPage:
        return cls([], None)


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if text.startswith("o:") and text[2:].isdigit():
            return int(text[2:])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise InvalidValueError("cursor is not one this list gave: pass back next_cursor as it "
                            "was", field="cursor", rule="cursor")


def check_limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidValueError(f"limit must be 1-{MAX_LIMIT}, got {limit!r}", field="limit",
                                rule="range")
    return limit


def select_page(store: ViewStore, table: Table, filters: Mapping[str, Any], order: Order, *,
                limit: int, cursor: str | None,
                item: Callable[[Row], Row] | None = None) -> CursorPage:
    """One page of ``table``'s rows matching ``filters`` (column == value)."""
    offset, size = decode_cursor(cursor), check_limit(limit)
    rows, total = store.select(table, filters, order, limit=size, offset=offset)
    return _page(rows, offset, total, item)


def slice_page(rows: list[Row], order: Order, *, limit: int, cursor: str | None,
               item: Callable[[Row], Row] | None = None) -> CursorPage:
    """The same for rows already read (a few: e.g. one trainee's), sorted here."""
    offset, size = decode_cursor(cursor), check_limit(limit)
    for column, descending in reversed(order):
        rows = sorted(rows, key=lambda row: (row[column] is None, row[column]),
                      reverse=descending)
    return _page(rows[offset:offset + size], offset, len(rows), item)


def _page(rows: list[Row], offset: int, total: int,
          item: Callable[[Row], Row] | None) -> CursorPage:
    items = [item(row) if item else row for row in rows]
    more = offset + len(rows) < total
    return CursorPage(items, encode_cursor(offset + len(rows)) if more else None)

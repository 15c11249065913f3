"""The targeted orders list (API.md ``GET /api/v1/targeted-orders``): filters and pages.

Pages follow API.md's list shape: ``limit`` (default 50, at most 500) and an opaque
``cursor`` that names where the next page starts. Orders come newest submission
first, then by id, which never changes for an order, so pages neither skip nor repeat.
Each caller sees its own orders: a college or an enterprise those it is party to
(another party's filter gives an empty list), auditors all.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from application.projections.ports import Row
from application.projections.schema import TARGETED_ORDERS
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError

if TYPE_CHECKING:
    from application.projections.facade import Projections

LIST_READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.AUDITOR)
DEFAULT_LIMIT, MAX_LIMIT = 50, 500
_ORDER = [("submitted_on", True), ("order_id", False)]
ITEM_COLUMNS = tuple(name for name in TARGETED_ORDERS.column_names if name != "enrolments")


@dataclass(frozen=True)
class OrderPage:
    items: list[Row]
    next_cursor: str | None


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


def scope(principal: Principal, filters: Mapping[str, Any]) -> dict[str, Any] | None:
    """The filters narrowed to the caller's own orders; None when that is none at all."""
    principal.require_role(*LIST_READERS)
    scoped = {name: value for name, value in filters.items() if value not in (None, "")}
    column = {Role.COLLEGE: "college_bin", Role.ENTERPRISE: "enterprise_bin"}.get(principal.role)
    if column is None:
        return scoped
    if scoped.get(column) not in (None, principal.subject):
        return None
    scoped[column] = principal.subject
    return scoped


def targeted_orders_for(projections: Projections, principal: Principal,
                        filters: Mapping[str, Any], *, limit: int = DEFAULT_LIMIT,
                        cursor: str | None = None) -> OrderPage:
    offset = decode_cursor(cursor)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidValueError(f"limit must be 1-{MAX_LIMIT}, got {limit}", field="limit",
                                rule="range")
    scoped = scope(principal, filters)
    if scoped is None:
        return OrderPage([], None)
    rows, total = projections.store.select(TARGETED_ORDERS, scoped, _ORDER, limit=limit,
                                           offset=offset)
    items = [{name: row[name] for name in ITEM_COLUMNS} for row in rows]
    more = offset + len(rows) < total
    return OrderPage(items, encode_cursor(offset + len(rows)) if more else None)

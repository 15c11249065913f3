"""The targeted orders list (API.md ``GET /api/v1/targeted-orders``): filters and pages.

Pages follow API.md's list shape: ``limit`` (default 50, at most 500) and an opaque
``cursor`` that names where the next page starts. Orders come newest submission
first, then by id, which never changes for an order, so pages neither skip nor repeat.
Each caller sees its own orders: a college or an enterprise those it is party to
(another party's filter gives an empty list), auditors all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from application.projections.paging import (
    DEFAULT_LIMIT,
    CursorPage,
    check_limit,
    decode_cursor,
    select_page,
)
from application.projections.schema import TARGETED_ORDERS
from application.security import Principal
from domain.shared.audit import Role

if TYPE_CHECKING:
    from application.projections.facade import Projections

LIST_READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.AUDITOR)
_ORDER = [("submitted_on", True), ("order_id", False)]
ITEM_COLUMNS = tuple(name for name in TARGETED_ORDERS.column_names if name != "enrolments")


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
                        cursor: str | None = None) -> CursorPage:
    check_limit(limit)
    decode_cursor(cursor)  # a bad cursor is refused even when the caller sees nothing
    scoped = scope(principal, filters)
    if scoped is None:
        return CursorPage.empty()
    return select_page(projections.store, TARGETED_ORDERS, scoped, _ORDER, limit=limit,
                       cursor=cursor,
                       item=lambda row: {name: row[name] for name in ITEM_COLUMNS})

"""``GET /api/v1/targeted-orders``: the orders list, read from the targeted orders view.

API.md's list shape: ``?limit=`` (default 50, at most 500) and an opaque ``?cursor=``
-> ``{items, next_cursor}``, with ``Link: <...>; rel="next"`` while there is more.
Filters: ``college_bin``, ``enterprise_bin``, ``status``. A college or an enterprise
sees the orders it is party to (another party's filter gives an empty list), auditors
all; every other role 403. Items hold no personal data: counts of students only.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

from application.projections.paging import DEFAULT_LIMIT, MAX_LIMIT
from application.projections.targeted_listing import LIST_READERS, targeted_orders_for
from domain.targeted_training.records import OrderStatus
from interfaces.web.auth import principal
from interfaces.web.fields import (
    Bin,
    Choice,
    Date,
    DateTime,
    Int,
    List,
    Nested,
    OutputSchema,
    Range,
    Region,
    Str,
    Uuid,
)
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.paging import NEXT_LINK_HEADERS
from interfaces.web.resources.agreements.listing_schemas import MinPositionQuery
from interfaces.web.resources.audit.schemas import QueryInt
from interfaces.web.resources.targeted_orders.views import blp

document_freshness(blp)


class OrderListQuery(MinPositionQuery):
    college_bin = Bin()
    enterprise_bin = Bin()
    status = Choice(OrderStatus)
    limit = QueryInt(load_default=DEFAULT_LIMIT, validate=Range(min=1, max=MAX_LIMIT))
    cursor = Str(max_length=200, metadata={"description": "next_cursor of the page before"})


class OrderListItemOut(OutputSchema):
    order_id = Uuid()
    href = Str(metadata={"description": "where to read the whole order"})
    number = Str()
    status = Choice(OrderStatus)
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()
    specialty_code = Str()
    qualification = Str()
    academic_year = Str(metadata={"example": "2026-2027"})
    year = Int(metadata={"description": "the year the academic year starts"})
    places = Int()
    employment_obligation_months = Int()
    submitted_on = Date()
    decided_on = Date(allow_none=True)
    enrolled = Int(metadata={"description": "students in training now"})
    withdrawn = Int()
    graduated = Int()
    employed = Int()
    released = Int()
    early_ends = Int()
    version = Int(metadata={"description": "the order's version the row reflects"})
    updated_at = DateTime()


class OrderPageOut(OutputSchema):
    items = List(Nested(OrderListItemOut))
    next_cursor = Str(allow_none=True, metadata={"description": "null on the last page"})


@blp.route("", methods=["GET"])
@blp.arguments(OrderListQuery, location="query", as_kwargs=True)
@blp.response(200, OrderPageOut, headers=NEXT_LINK_HEADERS)
@reads_views
def list_orders(limit: int, cursor: str | None = None, min_position: str | None = None,
                **filters: Any) -> Any:
    """The targeted-training orders the caller may see, filtered, a page at a time"""
    caller = principal()
    caller.require_role(*LIST_READERS)  # before waiting for the views
    views, headers = current_views(min_position)
    plain = {name: getattr(value, "value", value) for name, value in filters.items()}
    found = targeted_orders_for(views, caller, plain, limit=limit, cursor=cursor)
    items = [{**item, "href": url_for("targeted_orders.order", order_id=item["order_id"])}
             for item in found.items]
    if found.next_cursor is not None:
        query: dict[str, Any] = {**request.args.to_dict(), "cursor": found.next_cursor}
        headers = {**headers,
                   "Link": f'<{url_for("targeted_orders.list_orders", **query)}>; rel="next"'}
    return {"items": items, "next_cursor": found.next_cursor}, headers

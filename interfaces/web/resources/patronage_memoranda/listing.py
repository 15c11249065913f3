"""``GET /api/v1/patronage-memoranda``: the memoranda list, read from the view.

The API's list shape (API.md "Lists"): ``?limit=`` (default 50, at most 500) and an opaque
``?cursor=`` -> ``{items, next_cursor}`` and a ``Link: <...>; rel="next"`` header. Filters
``college_bin`` and ``enterprise_bin``. An enterprise or a college sees its own memoranda
(another party's filter gives an empty list), auditors all; every other role 403.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from application.projections.patronage import DEFAULT_LIMIT, LIST_READERS, MAX_LIMIT
from interfaces.web.auth import principal
from interfaces.web.fields import (
    Bin,
    Choice,
    Date,
    DateTime,
    Int,
    List,
    Money,
    Nested,
    OutputSchema,
    QueryInt,
    Range,
    Region,
    Str,
    Uuid,
)
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.resources.agreements.listing_schemas import MinPositionQuery
from interfaces.web.resources.patronage_memoranda.views import blp

document_freshness(blp)


class MemorandumListQuery(MinPositionQuery):
    college_bin = Bin()
    enterprise_bin = Bin()
    limit = QueryInt(load_default=DEFAULT_LIMIT, validate=Range(min=1, max=MAX_LIMIT))
    cursor = Str(max_length=200, metadata={"description": "next_cursor of the page before"})


class MemorandumItemOut(OutputSchema):
    memorandum_id = Uuid()
    href = Str()
    number = Str()
    status = Choice(("draft", "in_force", "expired", "terminated"))
    enterprise_bin = Bin()
    college_bin = Bin()
    region = Region()
    valid_from = Date()
    valid_to = Date()
    in_force_from = Date(allow_none=True)
    terminated_on = Date(allow_none=True)
    material_aid_total = Money(positive=False)
    version = Int()
    updated_at = DateTime()


class MemorandumPageOut(OutputSchema):
    items = List(Nested(MemorandumItemOut))
    next_cursor = Str(allow_none=True)


@blp.route("", methods=["GET"])
@blp.arguments(MemorandumListQuery, location="query", as_kwargs=True)
@blp.response(200, MemorandumPageOut, headers={"Link": {
    "description": 'RFC 8288 link to the next page (rel="next")', "schema": {"type": "string"}}})
@reads_views
def list_memoranda(limit: int, cursor: str | None = None, min_position: str | None = None,
                   **filters: Any) -> Any:
    """The memoranda the caller may see, a page at a time, in the order they were drafted"""
    caller = principal()
    caller.require_role(*LIST_READERS)  # before waiting for the views
    views, headers = current_views(min_position)
    found = views.list_patronage(caller, limit=limit, cursor=cursor, **filters)
    items = [{**item, "href": url_for("patronage_memoranda.memorandum",
                                      memorandum_id=item["memorandum_id"])}
             for item in found.items]
    if found.next_cursor:
        query: dict[str, Any] = {name: str(value) for name, value in filters.items()
                                 if value is not None}
        following = url_for("patronage_memoranda.list_memoranda", limit=limit,
                            cursor=found.next_cursor, **query)
        headers = {**headers, "Link": f'<{following}>; rel="next"'}
    return {"items": items, "next_cursor": found.next_cursor}, headers

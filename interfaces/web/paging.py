"""The one list shape on the wire (API.md "Lists"): ``?limit=&cursor=`` -> ``{items,
next_cursor}`` and ``Link: <...>; rel="next"`` while there is more.

``CursorQuery`` is the query every list's schema extends; ``page_out`` makes a list's
answer schema from its item schema; ``cursor_answer`` turns a ``CursorPage`` into the
body and the ``Link`` header, the next page's address keeping the request's filters.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

from application.projections.paging import DEFAULT_LIMIT, MAX_LIMIT, CursorPage
from interfaces.web.fields import List, Nested, OutputSchema, QueryInt, Range, Str
from interfaces.web.resources.agreements.listing_schemas import MinPositionQuery

NEXT_LINK_HEADERS = {"Link": {"description": 'RFC 8288 link to the next page (rel="next"), '
                                             "absent on the last page",
                              "schema": {"type": "string"}}}

# What a deprecated paging shape (page/per_page) answers besides its body.
DEPRECATED = {"Deprecation": "true"}
DEPRECATION_HEADERS = {"Deprecation": {
    "description": '"true" when the deprecated page/per_page parameters were used',
    "schema": {"type": "string"}}}


class CursorQuery(MinPositionQuery):
    limit = QueryInt(load_default=DEFAULT_LIMIT, validate=Range(min=1, max=MAX_LIMIT),
                     metadata={"description": f"items per page, 1-{MAX_LIMIT}"})
    cursor = Str(max_length=200, metadata={
        "description": "the next_cursor of the page before, passed back as it was",
        "example": "bzoy"})


def page_out(name: str, item: type[OutputSchema]) -> type[OutputSchema]:
    """``{items: [item], next_cursor}`` as a schema named ``name``."""
    fields: dict[str, Any] = {
        "items": List(Nested(item)),
        "next_cursor": Str(allow_none=True, metadata={
            "description": "pass as ?cursor= for the next page; null on the last page"}),
    }
    return type(name, (OutputSchema,), fields)


def cursor_answer(found: CursorPage, items: list[Any], endpoint: str, *,
                  headers: dict[str, str] | None = None,
                  **path: Any) -> tuple[dict[str, Any], dict[str, str]]:
    answer = dict(headers or {})
    if found.next_cursor is not None:
        query: dict[str, Any] = {**request.args.to_dict(), "cursor": found.next_cursor}
        answer["Link"] = f'<{url_for(endpoint, **path, **query)}>; rel="next"'
    return {"items": items, "next_cursor": found.next_cursor}, answer

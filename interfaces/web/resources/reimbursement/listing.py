"""``GET /api/v1/reimbursement-claims?agreement_id=&status=``: the claims list, from the view.

An enterprise sees its own claims, a college those made to it, an auditor all; asking
for another party's rows gives an empty list. Others: 403. Pages as every list
(``limit``, ``cursor``; ``page``/``per_page`` deprecated), newest claim first; send a write's ``X-Position`` as
``X-Min-Position`` to include it.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

from application.projections.access import claims_for
from application.projections.listing import Page
from application.projections.lists import claims_page_for
from application.projections.paging import DEFAULT_LIMIT, MAX_LIMIT
from domain.reimbursement.records import ClaimStatus
from interfaces.web.auth import principal
from interfaces.web.fields import (
    Bin,
    Choice,
    DateTime,
    Int,
    List,
    Money,
    Nested,
    OutputSchema,
    Range,
    Str,
    Uuid,
)
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.paging import (
    DEPRECATED,
    DEPRECATION_HEADERS,
    NEXT_LINK_HEADERS,
    cursor_answer,
)
from interfaces.web.resources.agreements.listing_schemas import DEPRECATED_PAGING, MinPositionQuery
from interfaces.web.resources.audit.schemas import QueryInt
from interfaces.web.resources.reimbursement.blueprint import blp
from interfaces.web.resources.reimbursement.claims import CLAIMS

document_freshness(blp)


class ClaimListQuery(MinPositionQuery):
    agreement_id = Uuid()
    status = Choice(ClaimStatus)
    college_bin = Bin()
    enterprise_bin = Bin()
    limit = QueryInt(load_default=DEFAULT_LIMIT, validate=Range(min=1, max=MAX_LIMIT),
                     metadata={"description": f"items per page, 1-{MAX_LIMIT}"})
    cursor = Str(max_length=200, metadata={
        "description": "the next_cursor of the page before, passed back as it was",
        "example": "bzoy"})
    page = QueryInt(validate=Range(min=1, max=1_000_000), metadata={
        "deprecated": True, "description": DEPRECATED_PAGING + " The page number (from 1)."})
    per_page = QueryInt(validate=Range(min=1, max=100), metadata={
        "deprecated": True, "description": DEPRECATED_PAGING + " Items per page (default 20)."})


class ClaimItemOut(OutputSchema):
    claim_id = Uuid()
    href = Str()
    agreement_id = Uuid()
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Str()
    month = Str(metadata={"example": "2027-06"})
    year = Int(metadata={"description": "the academic year's first calendar year"})
    status = Choice(ClaimStatus)
    claimed = Money(positive=False)
    payable = Money(positive=False)
    practice_days = Int()
    approved = Money(positive=False)
    paid = Money(positive=False)
    version = Int()
    submitted_at = DateTime()
    updated_at = DateTime()


class ClaimPageOut(OutputSchema):
    items = List(Nested(ClaimItemOut))
    next_cursor = Str(allow_none=True, metadata={
        "description": "pass as ?cursor= for the next page; null on the last page"})
    page = Int(metadata={"deprecated": True, "description": "with page/per_page only"})
    per_page = Int(metadata={"deprecated": True, "description": "with page/per_page only"})
    total = Int(metadata={"deprecated": True, "description": "with page/per_page only"})
    pages = Int(metadata={"deprecated": True, "description": "with page/per_page only"})


@blp.route(CLAIMS, methods=["GET"])
@blp.arguments(ClaimListQuery, location="query", as_kwargs=True)
@blp.response(200, ClaimPageOut, headers={**NEXT_LINK_HEADERS, **DEPRECATION_HEADERS})
@reads_views
def list_claims(limit: int, cursor: str | None = None, page: int | None = None,
                per_page: int | None = None, min_position: str | None = None,
                **filters: Any) -> Any:
    """The claims the caller may see, filtered by agreement and status, newest first"""
    caller = principal()
    views, headers = current_views(min_position)
    if page is not None or per_page is not None:
        found = claims_for(views, caller, filters, page=page or 1, per_page=per_page or 20)
        body = {"items": _linked(found.items), "next_cursor": None, "page": found.page,
                "per_page": found.per_page, "total": found.total, "pages": found.pages}
        return body, {**headers, **page_headers(found), **DEPRECATED}
    paged = claims_page_for(views, caller, filters, limit=limit, cursor=cursor)
    return cursor_answer(paged, _linked(paged.items), "reimbursement.list_claims",
                         headers=headers)


def _linked(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**item, "href": url_for("reimbursement.claim", claim_id=item["claim_id"])}
            for item in items]


def page_headers(found: Page) -> dict[str, str]:
    """``X-Total-Count`` and RFC 8288 links to the first, previous, next and last pages."""
    last = max(found.pages, 1)
    pages = {"first": 1, **({"prev": min(found.page - 1, last)} if found.page > 1 else {}),
             **({"next": found.page + 1} if found.page < last else {}), "last": last}
    query: dict[str, Any] = request.args.to_dict()
    links = [f'<{url_for("reimbursement.list_claims", **{**query, "page": number})}>; '
             f'rel="{rel}"' for rel, number in pages.items()]
    return {"X-Total-Count": str(found.total), "Link": ", ".join(links)}

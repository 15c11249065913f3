"""``GET /api/v1/reimbursement-claims?agreement_id=&status=``: the claims list, from the view.

An enterprise sees its own claims, a college those made to it, an auditor all; asking
for another party's rows gives an empty list. Others: 403. Pages as for agreements
(``page``, ``per_page``), newest claim first; send a write's ``X-Position`` as
``X-Min-Position`` to include it.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

from application.projections.access import claims_for
from application.projections.listing import Page
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
from interfaces.web.resources.agreements.listing_schemas import MinPositionQuery
from interfaces.web.resources.audit.schemas import QueryInt
from interfaces.web.resources.reimbursement.blueprint import blp
from interfaces.web.resources.reimbursement.claims import CLAIMS

document_freshness(blp)


class ClaimListQuery(MinPositionQuery):
    agreement_id = Uuid()
    status = Choice(ClaimStatus)
    college_bin = Bin()
    enterprise_bin = Bin()
    page = QueryInt(load_default=1, validate=Range(min=1, max=1_000_000))
    per_page = QueryInt(load_default=20, validate=Range(min=1, max=100))


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
    page = Int()
    per_page = Int()
    total = Int()
    pages = Int()


@blp.route(CLAIMS, methods=["GET"])
@blp.arguments(ClaimListQuery, location="query", as_kwargs=True)
@blp.response(200, ClaimPageOut)
@reads_views
def list_claims(page: int, per_page: int, min_position: str | None = None,
                **filters: Any) -> Any:
    """The claims the caller may see, filtered by agreement and status, newest first"""
    caller = principal()
    views, headers = current_views(min_position)
    found = claims_for(views, caller, filters, page=page, per_page=per_page)
    items = [{**item, "href": url_for("reimbursement.claim", claim_id=item["claim_id"])}
             for item in found.items]
    body = {"items": items, "page": found.page, "per_page": found.per_page,
            "total": found.total, "pages": found.pages}
    return body, {**headers, **page_headers(found)}


def page_headers(found: Page) -> dict[str, str]:
    """``X-Total-Count`` and RFC 8288 links to the first, previous, next and last pages."""
    last = max(found.pages, 1)
    pages = {"first": 1, **({"prev": min(found.page - 1, last)} if found.page > 1 else {}),
             **({"next": found.page + 1} if found.page < last else {}), "last": last}
    query: dict[str, Any] = request.args.to_dict()
    links = [f'<{url_for("reimbursement.list_claims", **{**query, "page": number})}>; '
             f'rel="{rel}"' for rel, number in pages.items()]
    return {"X-Total-Count": str(found.total), "Link": ", ".join(links)}

"""``GET /api/v1/agreements``: the agreements list, read from the agreements view.

On the agreements blueprint (beside ``POST /api/v1/agreements``, the same path).
Each caller sees its own agreements (``application.projections.access``): a college or
an enterprise those it is party to, a trainee its own, a mentor those it mentors now,
a regional monitor its region's; auditors and national monitors all. Asking for
another party's rows (``college_bin`` of another college) gives an empty list, not an
error. The admin may not list agreements (403).

Pages: API.md's list shape, ``limit`` and ``cursor`` -> ``{items, next_cursor}`` with
``Link: rel="next"``. Deprecated, for one version: ``page`` and ``per_page`` (at most
100), whose answer also says ``total`` and ``pages`` and carries ``X-Total-Count``, a
``Link`` header (first, prev, next, last) and ``Deprecation: true``.
"""

from __future__ import annotations

from typing import Any

from flask import request, url_for

from application.projections.access import LIST_READERS, agreements_for
from application.projections.listing import Page
from application.projections.lists import agreements_page_for
from interfaces.web.auth import principal
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.paging import DEPRECATED, DEPRECATION_HEADERS, cursor_answer
from interfaces.web.resources.agreements.blueprint import blp
from interfaces.web.resources.agreements.listing_schemas import AgreementListQuery, AgreementPageOut

document_freshness(blp)

_PAGE_HEADERS = {
    "X-Total-Count": {"description": "items on every page together",
                      "schema": {"type": "integer"}},
    "Link": {"description": "RFC 8288 links to the first, previous, next and last pages",
             "schema": {"type": "string"}},
}


@blp.route("/agreements", methods=["GET"])
@blp.arguments(AgreementListQuery, location="query", as_kwargs=True)
@blp.response(200, AgreementPageOut, headers={**_PAGE_HEADERS, **DEPRECATION_HEADERS})
@reads_views
def list_agreements(limit: int, cursor: str | None = None, page: int | None = None,
                    per_page: int | None = None, sort: str | None = None,
                    min_position: str | None = None, **filters: Any) -> Any:
    """The agreements the caller may see, filtered and sorted, a page at a time

    Filters combine (all must hold). Pages: ``limit`` items after ``cursor`` (the
    ``next_cursor`` of the page before; also in ``Link: rel="next"``). Read from the
    agreements view, which follows the events within moments; send your write's
    ``X-Position`` as ``X-Min-Position`` (or ``min_position``) to wait until it is
    included (see ``X-Views-Stale``). ``page``/``per_page`` are deprecated.
    """
    caller = principal()
    caller.require_role(*LIST_READERS)  # before waiting for the views: no wait to be refused
    views, headers = current_views(min_position)
    if page is not None or per_page is not None:
        found = agreements_for(views, caller, filters, page=page or 1,
                               per_page=per_page or 20, sort=sort)
        body = {"items": _linked(found.items), "next_cursor": None, "page": found.page,
                "per_page": found.per_page, "total": found.total, "pages": found.pages}
        return body, {**headers, **page_headers(found), **DEPRECATED}
    paged = agreements_page_for(views, caller, filters, sort=sort, limit=limit, cursor=cursor)
    return cursor_answer(paged, _linked(paged.items), "agreements.list_agreements",
                         headers=headers)


def _linked(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**item, "href": url_for("agreements.agreement", agreement_id=item["agreement_id"])}
            for item in items]


def page_headers(found: Page) -> dict[str, str]:
    last = max(found.pages, 1)
    pages = {"first": 1}
    if found.page > 1:
        pages["prev"] = min(found.page - 1, last)
    if found.page < last:
        pages["next"] = found.page + 1
    pages["last"] = last
    query: dict[str, Any] = request.args.to_dict()
    links = [f'<{url_for("agreements.list_agreements", **{**query, "page": number})}>; '
             f'rel="{rel}"' for rel, number in pages.items()]
    return {"X-Total-Count": str(found.total), "Link": ", ".join(links)}

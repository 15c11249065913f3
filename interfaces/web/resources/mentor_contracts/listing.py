"""``GET /api/v1/mentor-contracts``: the contracts list, read from the mentor contracts view.

Filters ``college_bin``, ``enterprise_bin``, ``mentor_iin`` (matched by pseudonym: the
view holds no IIN) and ``year``. A college sees its own contracts, a mentor its own,
auditors and the admin all; another party's filter gives an empty list. Items name the
mentor only by pseudonym (``mentor_key``); the contract itself (``href``) names them.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from application.projections.lists import contracts_for
from interfaces.web.auth import principal
from interfaces.web.fields import (
    Bin,
    Date,
    DateTime,
    Iin,
    Int,
    Money,
    OutputSchema,
    QueryInt,
    Range,
    Str,
    Uuid,
)
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.paging import NEXT_LINK_HEADERS, CursorQuery, cursor_answer, page_out
from interfaces.web.resources.mentor_contracts.views import blp

document_freshness(blp)


class ContractListQuery(CursorQuery):
    college_bin = Bin()
    enterprise_bin = Bin()
    mentor_iin = Iin()
    year = QueryInt(validate=Range(min=1900, max=9999),
                    metadata={"description": "the year the term starts"})


class ContractItemOut(OutputSchema):
    contract_id = Uuid()
    href = Str(metadata={"description": "where to read the whole contract"})
    number = Str()
    college_bin = Bin()
    enterprise_bin = Bin()
    mentor_key = Str(metadata={"description": "the mentor as a pseudonym (no personal data)"})
    start_date = Date()
    end_date = Date()
    year = Int()
    ceiling = Money(positive=False)
    approved_total = Money(positive=False)
    paid_total = Money(positive=False)
    reversed_total = Money(positive=False)
    version = Int()
    updated_at = DateTime()


ContractPageOut = page_out("ContractPageOut", ContractItemOut)


@blp.route("", methods=["GET"])
@blp.arguments(ContractListQuery, location="query", as_kwargs=True)
@blp.response(200, ContractPageOut, headers=NEXT_LINK_HEADERS)
@reads_views
def list_contracts(limit: int, cursor: str | None = None, min_position: str | None = None,
                   **filters: Any) -> Any:
    """The mentor contracts the caller may see, by term start (college, mentor, auditor,
    admin)"""
    caller = principal()
    views, headers = current_views(min_position)
    found = contracts_for(views, caller, filters, limit=limit, cursor=cursor)
    items = [{**row, "href": url_for("mentor_contracts.contract", contract_id=row["contract_id"])}
             for row in found.items]
    return cursor_answer(found, items, "mentor_contracts.list_contracts", headers=headers)

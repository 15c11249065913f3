"""``GET /api/v1/certificates``: the work-experience certificates list, from the view.

One item per agreement: its valid certificate (a correction replaces the one it
supersedes; ``corrections`` says how many there were), in the order they were first
issued. Filters ``college_bin``, ``enterprise_bin``, ``region``. A college sees the
certificates of its agreements, an enterprise those it issued, a trainee its own,
auditors all; another party's filter gives an empty list. Items hold no personal data.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from application.projections.lists import certificates_list_for
from interfaces.web.auth import principal
from interfaces.web.fields import Bin, Date, DateTime, Int, OutputSchema, Region, Str, Uuid
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.paging import NEXT_LINK_HEADERS, CursorQuery, cursor_answer, page_out
from interfaces.web.resources.work_experience.views import blp

document_freshness(blp)


class CertificateListQuery(CursorQuery):
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()


class CertificateItemOut(OutputSchema):
    number = Str()
    href = Str(metadata={"description": "where to read the certificate"})
    agreement_id = Uuid()
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()
    first_issued_on = Date()
    issued_on = Date(metadata={"description": "the valid certificate's issue date"})
    credited_months = Int()
    credited_days = Int()
    corrections = Int(metadata={"description": "certificates it superseded"})
    updated_at = DateTime()


CertificatePageOut = page_out("CertificatePageOut", CertificateItemOut)


@blp.route("/certificates", methods=["GET"])
@blp.arguments(CertificateListQuery, location="query", as_kwargs=True)
@blp.response(200, CertificatePageOut, headers=NEXT_LINK_HEADERS)
@reads_views
def list_certificates(limit: int, cursor: str | None = None, min_position: str | None = None,
                      **filters: Any) -> Any:
    """The certificates the caller may see, in the order first issued (college,
    enterprise, trainee: their own; auditor)"""
    caller = principal()
    views, headers = current_views(min_position)
    found = certificates_list_for(views, caller, filters, limit=limit, cursor=cursor)
    items = [{**row, "href": url_for("work_experience.certificate", number=row["number"])}
             for row in found.items]
    return cursor_answer(found, items, "work_experience.list_certificates", headers=headers)

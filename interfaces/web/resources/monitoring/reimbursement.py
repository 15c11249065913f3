"""``GET /api/v1/monitoring/reimbursement`` (and ``.csv``, ``.xlsx``): Order No. 597 figures.

Per region, college or enterprise and academic year: claims by status, claimed,
approved and paid KZT, the colleges' budgets and what remains (definitions in
``application.projections.reimbursement``). Monitors (a regional one for its region)
and auditors; no personal data. Read from the views, with read-your-writes.
"""

from __future__ import annotations

from typing import Any

from flask import Response

from application.projections.access import monitoring_region, reimbursement_for
from application.projections.reimbursement import GROUPS, REIMBURSEMENT_COLUMNS
from interfaces.i18n import N_
from interfaces.web.auth import principal
from interfaces.web.fields import (
    Choice,
    Date,
    Int,
    List,
    Money,
    Nested,
    OutputSchema,
    Range,
    Region,
    Str,
)
from interfaces.web.freshness import current_views, reads_views
from interfaces.web.resources.audit.schemas import QueryInt
from interfaces.web.resources.monitoring import exports
from interfaces.web.resources.monitoring.files import _file_doc, download, subject
from interfaces.web.resources.monitoring.schemas import CertificatesQuery
from interfaces.web.resources.monitoring.views import blp

HEADERS = {"year": N_("Academic year starts"), "academic_year": N_("Academic year"),
           "claims_submitted": N_("Claims awaiting a decision"),
           "claims_approved": N_("Claims approved, unpaid"), "claims_paid": N_("Claims paid"),
           "claims_rejected": N_("Claims rejected"), "claimed": N_("Claimed, KZT"),
           "approved": N_("Approved, KZT"), "paid": N_("Paid, KZT"), "budget": N_("Budget, KZT"),
           "remaining": N_("Budget remaining, KZT")}
MONEY = frozenset({"claimed", "approved", "paid", "budget", "remaining"})


class ReimbursementQuery(CertificatesQuery):
    group_by = Choice(tuple(GROUPS), load_default="region")
    year = QueryInt(validate=Range(min=1900, max=9999), metadata={
        "description": "the academic year by its first calendar year (2026: 2026-2027)"})


class ReimbursementRowOut(OutputSchema):
    group = Str()
    label = Str()
    year = Int()
    academic_year = Str(metadata={"example": "2026-2027"})
    claims_submitted = Int()
    claims_approved = Int()
    claims_paid = Int()
    claims_rejected = Int()
    claimed = Money(positive=False, metadata={"description": "claims not rejected"})
    approved = Money(positive=False, metadata={"description": "charged to the budgets"})
    paid = Money(positive=False, metadata={"description": "net of returned payments"})
    budget = Money(positive=False, allow_none=True, metadata={
        "description": "null when grouped by enterprise (a budget is a college's)"})
    remaining = Money(positive=False, allow_none=True)


class ReimbursementOut(OutputSchema):
    group_by = Choice(tuple(GROUPS))
    year = Int(allow_none=True)
    region = Region(allow_none=True)
    as_of = Date()
    rows = List(Nested(ReimbursementRowOut))


def read_reimbursement(group_by: str, year: int | None, region: str | None,
                       min_position: str | None) -> tuple[dict[str, Any], list[Any],
                                                          dict[str, str]]:
    scope = monitoring_region(principal(), region)  # before any wait
    views, headers = current_views(min_position)
    rows = reimbursement_for(views, principal(), group_by, year=year, region=scope)
    return ({"group_by": group_by, "year": year, "region": scope, "as_of": views.clock()},
            rows, headers)


@blp.route("/reimbursement")
@blp.arguments(ReimbursementQuery, location="query", as_kwargs=True)
@blp.response(200, ReimbursementOut)
@reads_views
def reimbursement(group_by: str, year: int | None = None, region: str | None = None,
                  min_position: str | None = None) -> Any:
    """Reimbursement of enterprises' costs per group and academic year (monitor, auditor)"""
    about, rows, headers = read_reimbursement(group_by, year, region, min_position)
    return {**about, "rows": [row.as_dict() for row in rows]}, headers


def table(rows: list[Any], group_by: str) -> exports.Table:
    headers = (*exports.GROUP_HEADERS[group_by], *(HEADERS[c] for c in REIMBURSEMENT_COLUMNS[2:]))
    values = [tuple(row.as_dict()[c] for c in REIMBURSEMENT_COLUMNS) for row in rows]
    return exports.Table(f"Reimbursement by {group_by}", REIMBURSEMENT_COLUMNS, headers, values,
                         MONEY)


def reimbursement_file(file_format: str, group_by: str, year: int | None = None,
                       region: str | None = None, min_position: str | None = None) -> Response:
    about, rows, headers = read_reimbursement(group_by, year, region, min_position)
    name = exports.filename(f"reimbursement-by-{group_by}",
                            [("region", about["region"]), ("year", year)], about["as_of"],
                            file_format)
    return download(table(rows, group_by), file_format, name, subject(about), headers)


@blp.route("/reimbursement.csv")
@blp.arguments(ReimbursementQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("csv"))
@reads_views
def reimbursement_csv(**query: Any) -> Response:
    """The reimbursement figures as CSV (monitor, auditor)"""
    return reimbursement_file("csv", **query)


@blp.route("/reimbursement.xlsx")
@blp.arguments(ReimbursementQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("xlsx"))
@reads_views
def reimbursement_xlsx(**query: Any) -> Response:
    """The reimbursement figures as an Excel workbook (monitor, auditor)"""
    return reimbursement_file("xlsx", **query)

"""``GET /api/v1/monitoring/deadlines?group_by=region|college&region=&as_of=``: overdue items
by kind (``application.projections.deadlines``), per region or college, no personal data;
also as ``.csv`` and ``.xlsx``. For monitors (a regional one its own region) and auditors.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response

from application.projections.access import deadlines_for
from interfaces.web.auth import principal
from interfaces.web.freshness import reads_views
from interfaces.web.resources.monitoring import exports
from interfaces.web.resources.monitoring.files import _file_doc, download, subject
from interfaces.web.resources.monitoring.schemas import DeadlinesOut, DeadlinesQuery
from interfaces.web.resources.monitoring.views import _scoped_views, blp


def read_deadlines(group_by: str, region: str | None, as_of: date | None,
                   min_position: str | None) -> tuple[dict[str, Any], list[Any], dict[str, str]]:
    scope, views, headers = _scoped_views(region, min_position)
    today = as_of or views.clock()
    rows = deadlines_for(views, principal(), group_by, region=scope, today=today)
    return {"group_by": group_by, "region": scope, "as_of": today}, rows, headers


@blp.route("/deadlines")
@blp.arguments(DeadlinesQuery, location="query", as_kwargs=True)
@blp.response(200, DeadlinesOut)
@reads_views
def deadlines(group_by: str, region: str | None = None, as_of: date | None = None,
              min_position: str | None = None) -> Any:
    """Overdue deadlines by kind, per region or college (monitor, auditor)

    Counts the items past their due day as of ``as_of``: drafts unsigned, practice
    starting without a mentor or a safety briefing, acts awaiting approval, approved acts
    unpaid, certificates not issued. Only groups with an overdue item; a regional monitor
    gets its own region only, another ``region`` is 403.
    """
    about, rows, headers = read_deadlines(group_by, region, as_of, min_position)
    return {**about, "rows": [row.as_dict() for row in rows]}, headers


def deadlines_file(file_format: str, group_by: str, region: str | None = None,
                   as_of: date | None = None, min_position: str | None = None) -> Response:
    about, rows, headers = read_deadlines(group_by, region, as_of, min_position)
    name = exports.filename(f"deadlines-by-{group_by}", [("region", about["region"])],
                            about["as_of"], file_format)
    return download(exports.deadlines_table(rows, group_by), file_format, name,
                    subject(about), headers)


@blp.route("/deadlines.csv")
@blp.arguments(DeadlinesQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("csv"))
@reads_views
def deadlines_csv(**query: Any) -> Response:
    """Overdue deadlines as CSV (monitor, auditor)"""
    return deadlines_file("csv", **query)


@blp.route("/deadlines.xlsx")
@blp.arguments(DeadlinesQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("xlsx"))
@reads_views
def deadlines_xlsx(**query: Any) -> Response:
    """Overdue deadlines as an Excel workbook (monitor, auditor)"""
    return deadlines_file("xlsx", **query)

"""Targeted-training figures (API.md "More monitoring"): JSON, CSV and XLSX.

``GET /api/v1/monitoring/targeted-training?group_by=region|college|enterprise|specialty&year=&region=``
and the same with ``.csv`` and ``.xlsx``: per group and intake year, orders by state,
places, students enrolled, withdrawn and graduated, graduates employed, released, early
ends and overdue (``application.projections.targeted_figures`` defines each). Held to
the rules of the other monitoring endpoints: monitors (a regional one for its own
region) and auditors, no personal data, read-your-writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Response

from application.projections.access import targeted_training_for
from application.projections.targeted_figures import (
    TARGETED_TRAINING_COLUMNS,
    TargetedTrainingFigures,
)
from interfaces.i18n import N_
from interfaces.web.auth import principal
from interfaces.web.fields import Choice, Date, Int, List, Nested, OutputSchema, Region, Str
from interfaces.web.freshness import reads_views
from interfaces.web.resources.monitoring import exports
from interfaces.web.resources.monitoring.files import _file_doc, download, subject
from interfaces.web.resources.monitoring.schemas import GROUP_BY, DualTrainingQuery
from interfaces.web.resources.monitoring.views import _scoped_views, blp

HEADERS = {
    "year": N_("Intake year"), "orders_submitted": N_("Orders: submitted"),
    "orders_accepted": N_("Orders: accepted"), "orders_rejected": N_("Orders: rejected"),
    "places": N_("Places (accepted orders)"), "enrolled": N_("Students in training"),
    "withdrawn": N_("Students withdrawn"), "graduated": N_("Graduates"),
    "employed": N_("Graduates employed"), "released": N_("Graduates released"),
    "early_ends": N_("Employments ended early"), "overdue": N_("Graduates overdue"),
}


def _count(description: str) -> Int:
    return Int(metadata={"description": description})


class TargetedTrainingQuery(DualTrainingQuery):
    """group_by, year (the intake academic year's first year) and region."""


class TargetedTrainingRowOut(OutputSchema):
    group = Str(metadata={"description": "the region code, college or enterprise BIN, or "
                                         "specialty code the row is for"})
    label = Str()
    year = _count("the year the intake academic year starts")
    orders_submitted = _count("orders awaiting the college's decision")
    orders_accepted = Int()
    orders_rejected = Int()
    places = _count("places of accepted orders")
    enrolled = _count("students in training now")
    withdrawn = _count("students who left (expelled, transferred, other)")
    graduated = _count("every graduate")
    employed = _count("graduates whose employment was recorded")
    released = _count("graduates released from the obligation")
    early_ends = _count("employments ended before the obligation's months")
    overdue = _count("graduates with neither employment nor release 6 months on")


class TargetedTrainingOut(OutputSchema):
    group_by = Choice(GROUP_BY)
    year = Int(allow_none=True)
    region = Region(allow_none=True)
    as_of = Date(metadata={"description": "business today, which overdue counts to"})
    rows = List(Nested(TargetedTrainingRowOut))


def read_targeted(group_by: str, year: int | None, region: str | None,
                  min_position: str | None) -> tuple[dict[str, Any], list[Any], dict[str, str]]:
    scope, views, headers = _scoped_views(region, min_position)
    rows = targeted_training_for(views, principal(), group_by, year=year, region=scope)
    about = {"group_by": group_by, "year": year, "region": scope, "as_of": views.clock()}
    return about, rows, headers


def targeted_table(figures: Iterable[TargetedTrainingFigures], group_by: str) -> exports.Table:
    headers = (*exports.GROUP_HEADERS[group_by],
               *(HEADERS[c] for c in TARGETED_TRAINING_COLUMNS[2:]))
    rows = [tuple(f.as_dict()[c] for c in TARGETED_TRAINING_COLUMNS) for f in figures]
    return exports.Table(f"Targeted training by {group_by}", TARGETED_TRAINING_COLUMNS,
                         headers, rows)


@blp.route("/targeted-training")
@blp.arguments(TargetedTrainingQuery, location="query", as_kwargs=True)
@blp.response(200, TargetedTrainingOut)
@reads_views
def targeted_training(group_by: str, year: int | None = None, region: str | None = None,
                      min_position: str | None = None) -> Any:
    """Targeted-training figures per group and intake year (monitor, auditor)

    Orders by state, places of accepted orders, students enrolled, withdrawn and
    graduated, graduates employed, released, ended early and overdue (neither employed
    nor released 6 months after graduating). A regional monitor gets its own region
    only; another ``region`` is 403.
    """
    about, rows, headers = read_targeted(group_by, year, region, min_position)
    return {**about, "rows": [row.as_dict() for row in rows]}, headers


def targeted_file(file_format: str, group_by: str, year: int | None = None,
                  region: str | None = None, min_position: str | None = None) -> Response:
    about, rows, headers = read_targeted(group_by, year, region, min_position)
    name = exports.filename(f"targeted-training-by-{group_by}",
                            [("region", about["region"]), ("year", year)], about["as_of"],
                            file_format)
    return download(targeted_table(rows, group_by), file_format, name, subject(about), headers)


@blp.route("/targeted-training.csv")
@blp.arguments(TargetedTrainingQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("csv"))
@reads_views
def targeted_training_csv(**query: Any) -> Response:
    """The targeted-training figures as CSV (monitor, auditor)"""
    return targeted_file("csv", **query)


@blp.route("/targeted-training.xlsx")
@blp.arguments(TargetedTrainingQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("xlsx"))
@reads_views
def targeted_training_xlsx(**query: Any) -> Response:
    """The targeted-training figures as an Excel workbook (monitor, auditor)"""
    return targeted_file("xlsx", **query)

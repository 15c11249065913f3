"""``GET /api/v1/monitoring/patronage`` (and ``.csv``, ``.xlsx``): the patronage figures.

Per group (``region`` of the college, ``college``, ``enterprise``) and calendar year: patron
enterprises, memoranda in force, programmes developed, commitments fulfilled (records and
quantity) and material aid in KZT; defined in ``application.projections.patronage``. No
personal data. Held to the same rules as the other monitoring endpoints (monitors, a
regional one for its own region, and auditors; read-your-writes), the downloads made by
the same code (``interfaces.web.resources.monitoring.files``).
"""

from __future__ import annotations

from typing import Any

from flask import Response

from application.projections.access import MONITORING_READERS
from application.projections.patronage import GROUPS, PATRONAGE_COLUMNS, PatronageFigures
from domain.shared.audit import Role
from interfaces.i18n import N_
from interfaces.web.api import ApiBlueprint
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
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.resources.audit.schemas import QueryInt
from interfaces.web.resources.monitoring import exports
from interfaces.web.resources.monitoring.files import _file_doc, download, subject
from interfaces.web.resources.monitoring.schemas import CertificatesQuery

blp = ApiBlueprint("patronage_monitoring", __name__, url_prefix="/api/v1/monitoring",
                   description="Patronage figures (НОБД) for monitors and auditors: counts "
                               "and sums, never a person. Also as CSV and XLSX.")
document_freshness(blp)

GROUP_BY = tuple(GROUPS)
_GROUP_HEADERS = {"region": (N_("Region code"), N_("Region")), "college": (N_("College BIN"), N_("College")),
                  "enterprise": (N_("Enterprise BIN"), N_("Enterprise"))}
HEADERS = {"year": N_("Year"), "patron_enterprises": N_("Patron enterprises"),
           "memoranda_in_force": N_("Memoranda in force"),
           "programmes_developed": N_("Programmes developed"),
           "commitments_fulfilled": N_("Commitments fulfilled"),
           "fulfilled_quantity": N_("Commitments fulfilled: quantity"),
           "material_aid": N_("Material aid, KZT")}


class PatronageQuery(CertificatesQuery):
    group_by = Choice(GROUP_BY, load_default="region")
    year = QueryInt(validate=Range(min=1900, max=9999), metadata={"description": "a calendar year"})


class PatronageRowOut(OutputSchema):
    group = Str(metadata={"description": "the region code, or the college's or enterprise's BIN"})
    label = Str()
    year = Int()
    patron_enterprises = Int(metadata={"description": "distinct enterprises with a memorandum "
                                                      "in force in the year"})
    memoranda_in_force = Int(metadata={"description": "memoranda in force on a day of the year"})
    programmes_developed = Int()
    commitments_fulfilled = Int(metadata={"description": "fulfilments recorded"})
    fulfilled_quantity = Int(metadata={"description": "the quantities they record, summed"})
    material_aid = Money(positive=False)


class PatronageOut(OutputSchema):
    group_by = Choice(GROUP_BY)
    year = Int(allow_none=True)
    region = Region(allow_none=True)
    as_of = Date()
    rows = List(Nested(PatronageRowOut))


def read_patronage(group_by: str, year: int | None, region: str | None,
                   min_position: str | None) -> tuple[dict[str, Any], list[PatronageFigures],
                                                      dict[str, str]]:
    caller = principal()
    caller.require_role(*MONITORING_READERS)  # a refusal never waits for the views
    views, headers = current_views(min_position)
    rows = views.monitoring_patronage(caller, group_by, year=year, region=region)
    scope = caller.subject if caller.subject and caller.role is Role.MONITOR else region
    about = {"group_by": group_by, "year": year, "region": scope or None,
             "as_of": views.clock()}
    return about, rows, headers


def patronage_table(figures: list[PatronageFigures], group_by: str) -> exports.Table:
    headers = (*_GROUP_HEADERS[group_by], *(HEADERS[c] for c in PATRONAGE_COLUMNS[2:]))
    rows = [tuple(f.as_dict()[c] for c in PATRONAGE_COLUMNS) for f in figures]
    return exports.Table(f"Patronage by {group_by}", PATRONAGE_COLUMNS, headers, rows,
                         frozenset({"material_aid"}))


def _file(file_format: str, group_by: str, year: int | None = None, region: str | None = None,
          min_position: str | None = None) -> Response:
    about, rows, headers = read_patronage(group_by, year, region, min_position)
    name = exports.filename(f"patronage-by-{group_by}",
                            [("region", about["region"]), ("year", year)], about["as_of"],
                            file_format)
    return download(patronage_table(rows, group_by), file_format, name, subject(about), headers)


@blp.route("/patronage")
@blp.arguments(PatronageQuery, location="query", as_kwargs=True)
@blp.response(200, PatronageOut)
@reads_views
def patronage(group_by: str, year: int | None = None, region: str | None = None,
              min_position: str | None = None) -> Any:
    """Patronage figures per group and year (monitor, auditor)

    Patron enterprises, memoranda in force, programmes developed, commitments fulfilled
    and material aid (KZT). A regional monitor gets its own region only; another
    ``region`` is 403.
    """
    about, rows, headers = read_patronage(group_by, year, region, min_position)
    return {**about, "rows": [row.as_dict() for row in rows]}, headers


@blp.route("/patronage.csv")
@blp.arguments(PatronageQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("csv"))
@reads_views
def patronage_csv(**query: Any) -> Response:
    """The patronage figures as CSV (monitor, auditor)"""
    return _file("csv", **query)


@blp.route("/patronage.xlsx")
@blp.arguments(PatronageQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("xlsx"))
@reads_views
def patronage_xlsx(**query: Any) -> Response:
    """The patronage figures as an Excel workbook (monitor, auditor)"""
    return _file("xlsx", **query)

"""Monitoring figures (API.md "Monitoring"): for monitors and auditors, no personal data.

``GET /api/v1/monitoring/dual-training?group_by=region|college|enterprise|specialty&year=&region=``
and ``GET /api/v1/monitoring/certificates?region=``, each also as ``.csv`` and ``.xlsx``
downloads with the same columns under readable headers (``interfaces.web.resources.monitoring.exports``).

A regional monitor sees its own region only: without ``region`` it gets its region's
figures; naming another region is 403 (its role may not read that, and region codes
are public, so nothing leaks). National monitors and auditors see every region; every
other role gets 403. Read from the views, with read-your-writes (``freshness``).
The downloads are in ``monitoring_files``, on the same blueprint.
"""

from __future__ import annotations

from typing import Any

from application.projections import Projections
from application.projections.access import certificates_for, dual_training_for, monitoring_region
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.resources.monitoring.schemas import (
    CertificatesOut,
    CertificatesQuery,
    DualTrainingOut,
    DualTrainingQuery,
)

blp = ApiBlueprint("monitoring", __name__, url_prefix="/api/v1/monitoring",
                   description="Atameken-style monitoring figures for monitors and auditors: "
                               "counts and sums, never a person. Also as CSV and XLSX.")
document_freshness(blp)


def _scoped_views(region: str | None, min_position: str | None
                  ) -> tuple[str | None, Projections, dict[str, str]]:
    # The role and region are checked before any wait: a refusal never waits.
    scope = monitoring_region(principal(), region)
    views, headers = current_views(min_position)
    return scope, views, headers


def read_dual_training(group_by: str, year: int | None, region: str | None,
                   min_position: str | None) -> tuple[dict[str, Any], list[Any], dict[str, str]]:
    scope, views, headers = _scoped_views(region, min_position)
    rows = dual_training_for(views, principal(), group_by, year=year, region=scope)
    about = {"group_by": group_by, "year": year, "region": scope, "as_of": views.clock()}
    return about, rows, headers


def read_certificates(region: str | None, min_position: str | None
                  ) -> tuple[dict[str, Any], list[Any], dict[str, str]]:
    scope, views, headers = _scoped_views(region, min_position)
    rows = certificates_for(views, principal(), region=scope)
    return {"region": scope, "as_of": views.clock()}, rows, headers


@blp.route("/dual-training")
@blp.arguments(DualTrainingQuery, location="query", as_kwargs=True)
@blp.response(200, DualTrainingOut)
@reads_views
def dual_training(group_by: str, year: int | None = None, region: str | None = None,
                  min_position: str | None = None) -> Any:
    """Dual-training figures per group and intake year (monitor, auditor)

    Rows are per group (region, college, enterprise or specialty) and intake year (the
    year the term starts): enterprises, agreements by state, trainees, mentors, practice,
    compensation, mentor payments and certificates. A regional monitor gets its own
    region only; another ``region`` is 403.
    """
    about, rows, headers = read_dual_training(group_by, year, region, min_position)
    return {**about, "rows": [row.as_dict() for row in rows]}, headers


@blp.route("/certificates")
@blp.arguments(CertificatesQuery, location="query", as_kwargs=True)
@blp.response(200, CertificatesOut)
@reads_views
def certificates(region: str | None = None, min_position: str | None = None) -> Any:
    """Work-experience certificates due, issued and overdue, per region and college

    Due: completed or terminated by today; issued: of those, with a certificate;
    overdue: due, none issued, closed more than 30 days ago. A regional monitor gets its
    own region only; another ``region`` is 403.
    """
    about, rows, headers = read_certificates(region, min_position)
    return {**about, "rows": [row.as_dict() for row in rows]}, headers

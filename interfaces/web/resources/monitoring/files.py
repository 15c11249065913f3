"""The monitoring figures as downloads: ``.csv`` and ``.xlsx`` beside each JSON endpoint.

``GET /api/v1/monitoring/dual-training.csv`` (and ``.xlsx``, and the same for
``certificates``) take the JSON endpoint's parameters, are held to the same rules (who,
which region, read-your-writes) and hold the same rows, under readable headers
(``interfaces.web.resources.monitoring.exports``), as an attachment named after what it holds. The
dashboard offers them too (``dual_training_file``, ``certificates_file``).
"""

from __future__ import annotations

from typing import Any

from flask import Response

from interfaces import i18n
from interfaces.i18n.reference import region_name
from interfaces.web.freshness import RESPONSE_HEADERS, reads_views
from interfaces.web.resources.monitoring import exports
from interfaces.web.resources.monitoring.schemas import CertificatesQuery, DualTrainingQuery
from interfaces.web.resources.monitoring.views import blp, read_certificates, read_dual_training


def _file_doc(file_format: str) -> dict[str, Any]:
    media = exports.FORMATS[file_format]
    schema = {"type": "string"} if file_format == "csv" else {"type": "string",
                                                              "format": "binary"}
    return {"responses": {200: {
        "description": f"the same rows as the JSON answer, as a {file_format.upper()} "
                       "download with a header row",
        "content": {media: {"schema": schema}},
        "headers": {"Content-Disposition": {"description": "attachment; filename=...",
                                            "schema": {"type": "string"}},
                    **RESPONSE_HEADERS}}}}


def dual_training_file(file_format: str, group_by: str, year: int | None = None,
                       region: str | None = None, min_position: str | None = None
                       ) -> Response:
    about, rows, headers = read_dual_training(group_by, year, region, min_position)
    name = exports.filename(f"dual-training-by-{group_by}",
                            [("region", about["region"]), ("year", year)], about["as_of"],
                            file_format)
    return download(exports.dual_training_table(rows, group_by), file_format, name,
                    subject(about), headers)


def certificates_file(file_format: str, region: str | None = None,
                      min_position: str | None = None) -> Response:
    about, rows, headers = read_certificates(region, min_position)
    name = exports.filename("certificates", [("region", about["region"])], about["as_of"],
                            file_format)
    return download(exports.certificates_table(rows), file_format, name, subject(about),
                    headers)


def subject(about: dict[str, Any]) -> str:
    region = about.get("region")
    words = [i18n.gettext("region %(name)s (%(code)s)", name=region_name(region), code=region)
             if region else i18n.gettext("all regions")]
    if about.get("year"):
        words.append(i18n.gettext("intake year %(year)s", year=about["year"]))
    return ", ".join(words) + ", " + i18n.gettext("as of %(day)s", day=i18n.day(about["as_of"]))


def download(table: exports.Table, file_format: str, name: str, about: str,
             headers: dict[str, str]) -> Response:
    body = exports.render(table, file_format, subject=about)
    return Response(body, content_type=exports.FORMATS[file_format] + (
        "; charset=utf-8" if file_format == "csv" else ""),
        headers={**headers, "Content-Disposition": exports.attachment(name)})


@blp.route("/dual-training.csv")
@blp.arguments(DualTrainingQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("csv"))
@reads_views
def dual_training_csv(**query: Any) -> Response:
    """The dual-training figures as CSV (monitor, auditor)"""
    return dual_training_file("csv", **query)


@blp.route("/dual-training.xlsx")
@blp.arguments(DualTrainingQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("xlsx"))
@reads_views
def dual_training_xlsx(**query: Any) -> Response:
    """The dual-training figures as an Excel workbook (monitor, auditor)"""
    return dual_training_file("xlsx", **query)


@blp.route("/certificates.csv")
@blp.arguments(CertificatesQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("csv"))
@reads_views
def certificates_csv(**query: Any) -> Response:
    """The certificate figures as CSV (monitor, auditor)"""
    return certificates_file("csv", **query)


@blp.route("/certificates.xlsx")
@blp.arguments(CertificatesQuery, location="query", as_kwargs=True)
@blp.doc(**_file_doc("xlsx"))
@reads_views
def certificates_xlsx(**query: Any) -> Response:
    """The certificate figures as an Excel workbook (monitor, auditor)"""
    return certificates_file("xlsx", **query)

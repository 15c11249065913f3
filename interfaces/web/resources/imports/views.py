"""The intake import over HTTP (API.md, "Intake import (college)").

- ``GET /imports/agreements/template.csv`` and ``.xlsx``: the template (any caller);
- ``POST /imports/agreements?dry_run=&mode=``: a CSV or XLSX body, or a multipart
  ``file``; the file is parsed here, once, row by row into ``Register`` commands, and
  stored as a job (202, ``Location`` the job), which a thread of this process runs;
- ``GET /imports/{id}``: the job's status and report (the college that submitted it).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response, request, url_for

from application.intake.commands import SubmitImport
from domain.intake.records import ImportMode
from domain.shared.audit import Role
from domain.shared.identifiers import BIN
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.etags import tagged
from interfaces.web.problems import ProblemError
from interfaces.web.resources.imports import jobs
from interfaces.web.resources.imports.reading import FileProblem, read
from interfaces.web.resources.imports.rows import parse_row
from interfaces.web.resources.imports.schemas import (
    ImportAcceptedOut,
    ImportOut,
    ImportQuery,
    report,
)
from interfaces.web.resources.imports.template import template_csv, template_xlsx
from interfaces.web.runtime import system

blp = ApiBlueprint("imports", __name__, url_prefix="/api/v1",
                   description="A college's whole intake of agreements from one file.")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILE_BODY = {"content": {media: {"schema": {"type": "string", "format": "binary"}}
                          for media in ("text/csv", XLSX, "multipart/form-data")}}


@blp.route("/imports/agreements/template.<any(csv, xlsx):file_format>")
@blp.alt_response(404, response="NOT_FOUND")  # a format other than csv or xlsx
@blp.doc(responses={200: {"description": "the template: the header row and one example row"}})
def template(file_format: str) -> Response:
    """The intake template, with an example row (any caller)"""
    principal()
    data, media = (template_csv(), "text/csv; charset=utf-8") if file_format == "csv" \
        else (template_xlsx(), XLSX)
    return Response(data, mimetype=media, headers={
        "Content-Disposition": f"attachment; filename=agreements-template.{file_format}"})


def _file_limit() -> int:
    return int(system().settings.import_max_bytes)


@blp.route("/imports/agreements", methods=["POST"])
@blp.arguments(ImportQuery, location="query", as_kwargs=True)
@blp.response(202, ImportAcceptedOut)
@blp.doc(requestBody=_FILE_BODY)
def submit(dry_run: bool, mode: ImportMode) -> Any:
    """Import a file of agreement drafts, as a job (the college, its own agreements)"""
    caller = principal()
    caller.require_role(Role.COLLEGE)
    settings = system().settings
    try:
        sheet = read(_body(), max_bytes=settings.import_max_bytes,
                     max_rows=settings.import_max_rows)
    except FileProblem as problem:
        raise ProblemError(problem.status, problem.detail, rule=problem.rule) from None
    college_bin = caller.subject or ""
    rows, problems = [], []
    for number, cells in sheet.rows:
        parsed = parse_row(number, cells, college_bin)
        if isinstance(parsed, list):
            problems += parsed
        else:
            rows.append((number, parsed))
    done = system().intake.submit(caller, SubmitImport(
        BIN.trusted(college_bin), tuple(rows), tuple(problems), len(sheet.rows), mode,
        dry_run))
    job = done.aggregate
    jobs.resume_unfinished(system())
    jobs.start(system(), job.id)
    return ({"id": job.id, "status": job.status.value},
            tagged(done, location=url_for("imports.job", job_id=job.id)))


submit.file_body_limit = _file_limit  # type: ignore[attr-defined]


def _body() -> bytes:
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise ProblemError(400, "send the file as the multipart field 'file'",
                               rule="file_required")
        return upload.read()
    data = request.get_data(cache=False)
    if not data:
        raise ProblemError(400, "send a CSV or XLSX file as the body, or as the multipart "
                           "field 'file'", rule="file_required")
    return data


@blp.route("/imports/<uuid:job_id>")
@blp.response(200, ImportOut)
@blp.alt_response(404, response="NOT_FOUND")
def job(job_id: UUID) -> Any:
    """An import's status and report (the college that submitted it)"""
    intake = system().intake
    found = intake.job(principal(), job_id)
    jobs.resume_unfinished(system())
    return report(found, intake.flagged(found))



"""The import's query string and its report."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from marshmallow import fields

from domain.intake.records import ImportMode
from interfaces.i18n import rule_message
from interfaces.web.fields import Bool, Choice, OutputSchema, QuerySchema


class ImportQuery(QuerySchema):
    dry_run = Bool(load_default=False, metadata={
        "description": "validate the whole file and report, write nothing"})
    mode = Choice(ImportMode, load_default=ImportMode.ALL, metadata={
        "description": "all: nothing is written unless every row is valid; valid: the "
                       "valid rows are written, the others reported"})


class RowErrorOut(OutputSchema):
    row = fields.Int(metadata={"description": "the row in the file (the header is row 1)"})
    column = fields.Str()
    rule = fields.Str()
    detail = fields.Str()


class ImportAcceptedOut(OutputSchema):
    id = fields.UUID()
    status = fields.Str()


class ImportOut(OutputSchema):
    id = fields.UUID()
    status = fields.Str(metadata={"description": "queued, running, done or failed"})
    mode = fields.Str()
    dry_run = fields.Bool()
    rows = fields.Int()
    valid = fields.Int()
    invalid = fields.Int()
    created = fields.Int()
    already_present = fields.Int()
    created_rows = fields.List(fields.Int())
    errors = fields.List(fields.Nested(RowErrorOut))
    warnings = fields.List(fields.Nested(RowErrorOut), metadata={
        "description": "accepted but flagged: a plan outside the credited months"})
    failure = fields.Str()


def report(job: Any, warnings: list[Any]) -> dict[str, Any]:
    errors = sorted([*job.problems, *job.errors], key=lambda e: (e.row, e.column))
    invalid = len({e.row for e in errors})
    # Each sentence in the caller's language (the rule's, in ru and kk); rule codes as kept.
    errors = [replace(e, detail=rule_message(e.rule, e.detail)) for e in errors]
    warnings = [replace(w, detail=rule_message(w.rule, w.detail)) for w in warnings]
    checked = job.status.value in ("running", "done") or bool(job.errors)
    return {"id": job.id, "status": job.status.value, "mode": job.mode.value,
            "dry_run": job.dry_run, "rows": job.total,
            "valid": job.total - invalid if checked else 0, "invalid": invalid,
            "created": len(job.created), "already_present": len(job.already_present),
            "created_rows": job.created, "errors": errors, "warnings": warnings,
            "failure": job.failure}

"""The shape of every error answer (documentation only: ``problems.py`` writes them)."""

from __future__ import annotations

from marshmallow import Schema, fields


class FieldErrorSchema(Schema):
    rule = fields.String(metadata={"description": "the check that failed", "example": "check_digit"})
    message = fields.String()


class ProblemSchema(Schema):
    """RFC 9457 problem details, with the rule that failed and per-field errors for a 422."""

    type = fields.String(metadata={"example": "tag:dualtrack.kz,2026:problem:check_digit"})
    title = fields.String(metadata={"example": "Unprocessable Content"})
    status = fields.Integer(metadata={"example": 422})
    detail = fields.String()
    instance = fields.String(metadata={"example": "/api/v1/organisations"})
    rule = fields.String(metadata={"example": "check_digit"})
    correlation_id = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.Nested(FieldErrorSchema),
                         metadata={"description": "for 422: per field (dotted for nested ones)"})

"""Answers of the operations endpoints."""

from __future__ import annotations

from marshmallow import fields

from interfaces.web.schemas.common import OutputSchema


class HealthSchema(OutputSchema):
    status = fields.String(metadata={"example": "ok"})


class ReadinessSchema(OutputSchema):
    status = fields.String(metadata={"example": "ready"})
    positions = fields.Dict(keys=fields.String(), values=fields.Integer(),
                            metadata={"description": "each application's last notification id"})

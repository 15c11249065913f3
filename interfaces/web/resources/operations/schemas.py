"""Answers of the operations endpoints."""

from __future__ import annotations

from marshmallow import fields

from interfaces.web.fields import OutputSchema


class HealthSchema(OutputSchema):
    status = fields.String(metadata={"example": "ok"})


class ViewSourceSchema(OutputSchema):
    source = fields.String(metadata={"example": "agreements"})
    position = fields.Integer(metadata={"description": "the last notification in the views"})
    head = fields.Integer(metadata={"description": "the last notification recorded"})
    lag = fields.Integer(metadata={"description": "head - position: not yet in the views"})
    views = fields.List(fields.String(), metadata={"description": "the views made from it"})


class ReadinessSchema(OutputSchema):
    status = fields.String(metadata={"example": "ready"})
    positions = fields.Dict(keys=fields.String(), values=fields.Integer(),
                            metadata={"description": "each application's last notification id"})
    outdated = fields.Boolean(metadata={"description": "the views need a rebuild (then 503)"})
    lag = fields.Dict(keys=fields.String(), values=fields.Integer(),
                      metadata={"description": "each source's projection lag"})
    views = fields.List(fields.Nested(ViewSourceSchema))
    projector = fields.Dict(metadata={"description": "PostgreSQL: whether a projector holds "
                                      "the lock, its last heartbeat and error"})

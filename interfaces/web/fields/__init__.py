"""Field types and base schemas every blueprint uses: the API's conventions in one place.

Identifiers are 12-digit strings (checked with the domain's check digit), money a
decimal string with two places, dates ``YYYY-MM-DD``, months ``YYYY-MM``. Inputs
load to what the application layer takes (strings, ``date``, ``Money``); outputs
dump aggregates' attributes directly (value objects and enums included).
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import RAISE, Schema, fields, validates_schema

from domain.shared.errors import InvalidValueError
from domain.shared.text import clean_text
from interfaces.web.fields.rules import (
    SCHEMA_ERROR_MESSAGES,
    Length,
    OneOf,
    Range,
    Regexp,
    RuledField,
    from_domain,
    invalid,
)
from interfaces.web.fields.values import Bin, Choice, Date, Iin, Money, Month, Region

__all__ = [
    "AggregateOut", "Bin", "Bool", "Choice", "Date", "DateTime", "Iin", "InputSchema", "Int",
    "PointInTimeQuery", "QueryInt",
    "Length", "List", "Money", "Month", "Nested", "OneOf", "OutputSchema", "QuerySchema", "Range",
    "Region", "Regexp", "Str", "Uuid",
]


class Str(RuledField, fields.String):
    """A string, stripped and checked by ``domain.shared.text.clean_text``: bounded, never
    blank when required, no control characters (tab and newline only where ``multiline``)
    and no lone surrogates."""

    def __init__(self, *, max_length: int = 500, multiline: bool = False, **kwargs: Any) -> None:
        self.max_length, self.multiline = max_length, multiline
        kwargs.setdefault("metadata", {}).setdefault("maxLength", max_length)
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return clean_text(text, attr or "", max_length=self.max_length,
                              multiline=self.multiline, required=self.required)
        except InvalidValueError as error:
            raise from_domain(error) from None


class Int(RuledField, fields.Integer):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Bool(RuledField, fields.Boolean):
    pass


class Uuid(RuledField, fields.UUID):
    pass


class DateTime(RuledField, fields.AwareDateTime):
    """A timestamp: ISO 8601, UTC."""


class Nested(RuledField, fields.Nested):
    pass


class List(RuledField, fields.List):
    pass


class QueryInt(RuledField, fields.Integer):
    """A whole number in the query string (where every value arrives as text)."""


class InputSchema(Schema):
    """A request body: unknown fields are refused, so a typo is never silently ignored."""

    error_messages = SCHEMA_ERROR_MESSAGES

    class Meta:
        unknown = RAISE


class QuerySchema(Schema):
    """Query-string parameters (``@blp.arguments(ListQuery, location="query")``)."""

    error_messages = SCHEMA_ERROR_MESSAGES


class PointInTimeQuery(QuerySchema):
    """``?version=`` or ``?as_of=``: a resource as it was, for auditors' replays."""

    version = QueryInt(validate=Range(min=1), metadata={
        "description": "the state right after this version"})
    as_of = DateTime(default_timezone=UTC, metadata={
        "description": "the state at this moment (ISO 8601; UTC unless an offset is given)"})

    @validates_schema
    def _one_point_in_time(self, data: dict[str, Any], **kwargs: Any) -> None:
        if "version" in data and "as_of" in data:
            raise invalid("give version or as_of, not both", "exclusive")


class OutputSchema(Schema):
    """A response body; aggregates carry ``version`` (also sent as the ETag)."""


class AggregateOut(OutputSchema):
    """An aggregate's answer: what every one carries besides its own fields."""

    id = Uuid(dump_only=True)
    version = Int(dump_only=True, metadata={"description": "also sent as the ETag"})
    created_on = DateTime(dump_only=True)
    modified_on = DateTime(dump_only=True)

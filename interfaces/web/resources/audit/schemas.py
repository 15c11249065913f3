"""The audit feed on the wire: its query (``application``, ``after``, ``limit``) and entries.

A cursor names a position in each application's own notification log:
``agreements:12,mentor_payments:7`` means "after notification 12 of agreements and 7 of
mentor payments, from the start of every other". Notification ids never change once
committed, so a cursor stays valid forever. Clients should treat it as opaque and pass
back what ``next`` or an event's ``cursor`` gave them; with ``application`` given, a
bare notification id (``after=12``) is accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from marshmallow import ValidationError, fields, post_load

from application.agreements.service import Agreements
from application.mentor_payments.service import MentorPayments
from application.participants.service import Participants
from application.work_experience.service import WorkExperience
from interfaces.web.fields import (
    Bool,
    Choice,
    DateTime,
    Int,
    List,
    Nested,
    OutputSchema,
    QuerySchema,
    Range,
    Str,
    Uuid,
)
from interfaces.web.fields.rules import RuledField, RuleMessage
from interfaces.web.resources.audit.history import ActorOut

# In this order the feed breaks ties between events recorded at the same instant.
# Idempotency keys are request bookkeeping, not business facts: a table beside the views
# (``infrastructure/idempotency``), not events, and every business event already carries
# the actor and correlation id an auditor needs.
AUDITED_APPLICATIONS: tuple[str, ...] = (Participants.name, Agreements.name,
                                         MentorPayments.name, WorkExperience.name)
DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
CURSOR_EXAMPLE = "agreements:12,mentor_payments:7"
_NOTIFICATION_ID = re.compile(r"[0-9]{1,18}")  # fits the stores' BIGINT


def format_cursor(positions: Mapping[str, int]) -> str:
    return ",".join(f"{name}:{positions[name]}" for name in AUDITED_APPLICATIONS
                    if positions.get(name))


def parse_cursor(text: str, application: str | None) -> dict[str, int]:
    positions: dict[str, int] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, colon, number = part.rpartition(":")
        if not colon and application:
            name = application
        if name not in AUDITED_APPLICATIONS or not _NOTIFICATION_ID.fullmatch(number):
            raise ValidationError(RuleMessage(
                f"{part!r} is not a feed position: pass back a cursor the feed gave "
                f"(like {CURSOR_EXAMPLE!r}), or with application= a notification id",
                "cursor"), field_name="after")
        positions[name] = int(number)
    return positions


class QueryInt(RuledField, fields.Integer):
    """A whole number in the query string (where every value arrives as text)."""


class AuditFeedQuery(QuerySchema):
    application = Choice(AUDITED_APPLICATIONS, metadata={
        "description": "only this application's events, in its notification order"})
    after = Str(max_length=1000, metadata={
        "description": "resume after this cursor (``next``, or an event's ``cursor``); "
                       "from the first event when absent", "example": CURSOR_EXAMPLE})
    limit = QueryInt(load_default=DEFAULT_LIMIT, validate=Range(min=1, max=MAX_LIMIT))

    @post_load
    def _positions(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """``after`` becomes the position to resume from in each application."""
        data["after"] = parse_cursor(data.get("after", ""), data.get("application"))
        return data


class AuditEventOut(OutputSchema):
    application = Str(metadata={"example": "agreements"})
    position = Int(metadata={"description": "the notification id in that application"})
    cursor = Str(metadata={"description": "pass as after= to resume right after this event",
                           "example": CURSOR_EXAMPLE})
    type = Str(metadata={"description": "the event, in the past tense", "example": "Signed"})
    topic = Str(metadata={"example": "dualtrack:agreements.DualTrainingAgreement.Signed"})
    aggregate_id = Uuid()
    aggregate_version = Int()
    recorded_at = DateTime()
    actor = Nested(ActorOut)
    correlation_id = Str(metadata={"description": "of the request that recorded it"})
    data = fields.Dict(keys=fields.String(), metadata={"description": "the event's own fields"})


class AuditFeedOut(OutputSchema):
    events = List(Nested(AuditEventOut))
    next = Str(metadata={"description": "pass as after= for the events after these; the "
                                        "same cursor when there are none yet",
                         "example": CURSOR_EXAMPLE})
    has_more = Bool(metadata={"description": "more events were already recorded"})

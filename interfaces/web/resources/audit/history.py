"""An aggregate's history on the wire: ``[{version, type, recorded_at, actor, data}]``.

Nothing here is particular to agreements (mentor contracts' ``/history`` can use it too):
``history_entries`` turns stored events into entries, and ``HistoryEntryOut`` documents
them. ``data`` is the event's own fields made JSON-safe (dates ``YYYY-MM-DD``, money
``"85000.00"``, identifiers as their digits), without what every event carries (ids,
version, timestamp, actor), which the entry gives once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from marshmallow import fields

from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money
from interfaces.web.fields import DateTime, Int, Nested, OutputSchema, Str

# Shown once per entry (``version``, ``recorded_at``, ``actor``), not again in ``data``.
_ENVELOPE = frozenset({"originator_id", "originator_version", "originator_topic", "timestamp",
                       "actor_role", "actor_id", "correlation_id"})
# Fields naming a person. DOMAIN.md: monitors never see personal data.
PERSONAL_FIELDS = frozenset({"trainee_iin", "trainee_name", "representative_iin",
                             "representative_name", "mentor_iin", "instructor"})
PERSONAL_DATA_ROLES = frozenset({Role.COLLEGE, Role.ENTERPRISE, Role.TRAINEE, Role.AUDITOR,
                                 Role.ADMIN, Role.SYSTEM})
# Their actor id is an IIN.
_PERSONS = frozenset({Role.TRAINEE.value, Role.MENTOR.value})


def jsonable(value: Any) -> Any:
    """A stored event's value as plain JSON."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, IIN | BIN):
        return value.value
    if isinstance(value, DatePeriod):
        return {"start_date": value.start.isoformat(), "end_date": value.end.isoformat()}
    if isinstance(value, date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Money | Month | Decimal | UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def history_entries(events: Iterable[Any], *, reader: Role) -> list[dict[str, Any]]:
    """Entries for ``HistoryEntryOut``; a ``reader`` without the right to personal data
    gets ``None`` where a person is named."""
    personal = reader in PERSONAL_DATA_ROLES
    entries = []
    for event in events:
        data = {name: (jsonable(value) if personal or name not in PERSONAL_FIELDS else None)
                for name, value in vars(event).items() if name not in _ENVELOPE}
        actor_id = event.actor_id if personal or event.actor_role not in _PERSONS else None
        entries.append({"version": event.originator_version, "type": type(event).__name__,
                        "recorded_at": event.timestamp, "correlation_id": event.correlation_id,
                        "actor": {"role": event.actor_role, "id": actor_id}, "data": data})
    return entries


class ActorOut(OutputSchema):
    role = Str(metadata={"example": "college"})
    id = Str(allow_none=True, metadata={"description": "BIN, IIN or token id"})


class HistoryEntryOut(OutputSchema):
    version = Int()
    type = Str(metadata={"description": "the event, in the past tense", "example": "Signed"})
    recorded_at = DateTime()
    actor = Nested(ActorOut)
    correlation_id = Str(metadata={"description": "of the request that recorded it"})
    data = fields.Dict(keys=fields.String(), metadata={"description": "the event's own fields"})

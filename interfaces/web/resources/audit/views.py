"""The audit feed: every business event of every application, in order (auditors only).

``GET /api/v1/audit/events?after=<cursor>&limit=<n>&application=<name>``

Why a composite cursor: each application keeps its own notification log, whose ids
increase in commit order (eventsourcing serialises the inserts), but ids of different
applications are unrelated and no single sequence spans them. So the position in the global feed is the position
in each log: ``agreements:12,mentor_payments:7`` (see ``schemas.audit``). That makes
the feed stable and resumable: a cursor names exactly which events were seen, and the
next page starts right after them in every log, so no event is skipped or repeated,
whatever is recorded meanwhile.

Order: each application's events come in notification order (strict). Between
applications they are merged by recorded time (ties in the fixed order of
``AUDITED_APPLICATIONS``); two events recorded by different applications at nearly the
same moment may appear in either order, never twice and never not at all. With
``application=`` the feed is that one log, and ``position`` may be passed bare.

Idempotency keys are not events at all (a table beside the views, with a time to live).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from domain.shared.audit import Role
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.resources.audit.history import jsonable
from interfaces.web.resources.audit.schemas import (
    AUDITED_APPLICATIONS,
    AuditFeedOut,
    AuditFeedQuery,
    format_cursor,
)
from interfaces.web.runtime import system

blp = ApiBlueprint("audit", __name__, url_prefix="/api/v1/audit",
                   description="The global, ordered and resumable feed of every recorded "
                               "event, for auditors.")

# Shown once per entry, not again in ``data``.
_ENVELOPE = frozenset({"originator_id", "originator_version", "originator_topic", "timestamp",
                       "actor_role", "actor_id", "correlation_id"})
# Token ids (the first 12 hex digits of the hash) are what events name as actors; the
# whole hash is what a token is looked up by, and no reader needs it.
_TOKEN_ID_LENGTH = 12


@dataclass(frozen=True)
class _Recorded:
    application: str
    rank: int
    position: int
    topic: str
    event: Any

    def order(self) -> tuple[Any, int, int]:
        return self.event.timestamp, self.rank, self.position


@blp.route("/events")
@blp.arguments(AuditFeedQuery, location="query", as_kwargs=True)
@blp.response(200, AuditFeedOut)
def events(after: dict[str, int], limit: int, application: str | None = None) -> Any:
    """The events recorded after a cursor, oldest first, with positions (auditor)

    Each application's events come in its notification order; between applications
    they are merged by recorded time. Pass ``next`` (or any event's ``cursor``) back as
    ``after`` to resume exactly after it: nothing is skipped or repeated. Idempotency
    keys' bookkeeping is not in the feed: it records no business fact.
    """
    principal().require_role(Role.AUDITOR)
    names = (application,) if application else AUDITED_APPLICATIONS
    applications = [app for app in system().applications if app.name in names]
    return read_feed(applications, after, limit)


def read_feed(applications: list[Any], after: dict[str, int], limit: int) -> dict[str, Any]:
    """Up to ``limit`` events after the positions ``after``, and the cursor after them."""
    streams = [_recorded_after(app, AUDITED_APPLICATIONS.index(app.name),
                               after.get(app.name, 0), limit + 1) for app in applications]
    # Each stream is in notification order and merge() always takes the head of one,
    # so what is taken from each log is a prefix of it: the cursor can say where it ends.
    taken = list(islice(heapq.merge(*streams, key=_Recorded.order), limit))
    positions = dict(after)
    entries = []
    for recorded in taken:
        positions[recorded.application] = recorded.position
        entries.append(_entry(recorded, format_cursor(positions)))
    return {"events": entries, "next": format_cursor(positions),
            "has_more": sum(len(stream) for stream in streams) > len(taken)}


def _recorded_after(app: Any, rank: int, position: int, limit: int) -> list[_Recorded]:
    notifications = app.recorder.select_notifications(position, limit,
                                                      inclusive_of_start=False)
    return [_Recorded(app.name, rank, n.id, n.topic, app.mapper.to_domain_event(n))
            for n in notifications]


def _entry(recorded: _Recorded, cursor: str) -> dict[str, Any]:
    event = recorded.event
    return {"application": recorded.application, "position": recorded.position,
            "cursor": cursor, "type": type(event).__name__, "topic": recorded.topic,
            "aggregate_id": event.originator_id, "aggregate_version": event.originator_version,
            "recorded_at": event.timestamp,
            "actor": {"role": getattr(event, "actor_role", None),
                      "id": getattr(event, "actor_id", None)},
            "correlation_id": getattr(event, "correlation_id", None),
            "data": dict(_data(event))}


def _data(event: Any) -> Iterator[tuple[str, Any]]:
    for name, value in vars(event).items():
        if name in _ENVELOPE:
            continue
        if name == "token_hash":
            yield "token_id", str(value)[:_TOKEN_ID_LENGTH]
        else:
            yield name, jsonable(value)

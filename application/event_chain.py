"""Checking the stored event chain itself, not a view of it.

An auditor replays history from these records, so a lost, doubled or unreadable
record matters even where no view depends on it. For each application's
notification log: positions strictly increase, every aggregate's versions run
1, 2, 3, ... with no gap or repeat, and every record decodes with the
application's own mapper (with a cipher key, a tampered record fails here).
Gaps between positions are not breaks: PostgreSQL sequences skip numbers when a
transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

PAGE_SIZE = 1000


@dataclass(frozen=True)
class ChainBreak:
    application: str
    position: int
    problem: str

    def __str__(self) -> str:
        return f"event chain {self.application}:{self.position}: {self.problem}"


@dataclass
class ChainReport:
    application: str
    notifications: int = 0
    aggregates: int = 0


def check_chain(application: Any, *, limit: int = 100
                ) -> tuple[ChainReport, list[ChainBreak]]:
    """Breaks in ``application``'s notification log up to its head now (at most ``limit``)."""
    name = application.name
    report = ChainReport(name)
    breaks: list[ChainBreak] = []
    last_versions: dict[UUID, int] = {}
    previous = 0
    for notification in _notifications(application.recorder):
        report.notifications += 1
        breaks += [ChainBreak(name, notification.id, problem)
                   for problem in _problems(application, notification, previous, last_versions)]
        if len(breaks) >= limit:
            break
        previous = max(previous, notification.id)
        last_versions[notification.originator_id] = max(
            notification.originator_version, last_versions.get(notification.originator_id, 0))
    report.aggregates = len(last_versions)
    return report, breaks[:limit]


def _problems(application: Any, notification: Any, previous: int,
              last_versions: dict[UUID, int]) -> Iterator[str]:
    if notification.id <= previous:
        yield f"position {notification.id} does not follow position {previous}"
    expected = last_versions.get(notification.originator_id, 0) + 1
    if notification.originator_version != expected:
        kind = notification.topic.rpartition(":")[2] or notification.topic
        yield (f"aggregate {notification.originator_id} ({kind}) has version "
               f"{notification.originator_version} where {expected} was due")
    try:
        application.mapper.to_domain_event(notification)
    except Exception as error:  # any failure to read it back is the finding itself
        yield f"the record does not decode: {type(error).__name__}: {error}"


def _notifications(recorder: Any) -> Iterator[Any]:
    # Stop at the head seen now, so that new writes cannot keep the check going.
    head = recorder.max_notification_id() or 0
    position = 0
    while position < head:
        page = recorder.select_notifications(start=position, limit=PAGE_SIZE, stop=head,
                                             inclusive_of_start=False)
        if not page:
            return
        yield from page
        position = page[-1].id

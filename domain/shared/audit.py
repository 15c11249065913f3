"""Who did what: every event carries its actor and the request's correlation id.

The actor is set once per command by the application layer (``acting_as``) and
stamped onto each event by ``AuditedAggregate``, so no command method can forget
it and no event is recorded without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, CanMutateAggregate
from eventsourcing.utils import register_topic


class Role(StrEnum):
    COLLEGE = "college"
    ENTERPRISE = "enterprise"
    TRAINEE = "trainee"
    MENTOR = "mentor"
    AUDITOR = "auditor"
    MONITOR = "monitor"
    ADMIN = "admin"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    role: Role
    id: str

    @classmethod
    def system(cls) -> Actor:
        return cls(Role.SYSTEM, "dualtrack")


@dataclass(frozen=True)
class AuditStamp:
    actor: Actor
    correlation_id: str = ""


class MissingActorError(RuntimeError):
    """An event was about to be recorded outside ``acting_as``: a command forgot who acts.

    There is no default actor on purpose: "who" is what auditors rely on, so a forgotten
    stamp must fail loudly, not record the event as the system's.
    """


_current_stamp: ContextVar[AuditStamp | None] = ContextVar("dualtrack_audit_stamp",
                                                            default=None)


@contextmanager
def acting_as(actor: Actor, correlation_id: str = "") -> Iterator[AuditStamp]:
    """Events triggered inside this block are stamped with ``actor``."""
    stamp = AuditStamp(actor, correlation_id)
    token = _current_stamp.set(stamp)
    try:
        yield stamp
    finally:
        _current_stamp.reset(token)


def _stamp_kwargs() -> dict[str, Any]:
    stamp = _current_stamp.get()
    if stamp is None:
        raise MissingActorError("an event is recorded outside acting_as(actor): name who acts "
                                "(Actor.system() for the system's own work)")
    return {
        "actor_role": stamp.actor.role.value,
        "actor_id": stamp.actor.id,
        "correlation_id": stamp.correlation_id,
    }


class AuditedAggregate(Aggregate):
    """Base of every dualtrack aggregate.

    Subclasses declare ``TOPIC_PREFIX``; each of their event classes is given the
    stable topic ``<prefix>.<EventName>`` (the name given to ``@event``), so that
    renaming or moving a module never orphans stored history.
    """

    TOPIC_PREFIX = ""

    class Event(Aggregate.Event):
        actor_role: str
        actor_id: str
        correlation_id: str

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        prefix = cls.__dict__.get("TOPIC_PREFIX")
        if not prefix:
            raise TypeError(f"{cls.__qualname__} must declare TOPIC_PREFIX")
        for name, obj in list(cls.__dict__.items()):
            if isinstance(obj, type) and issubclass(obj, CanMutateAggregate) and name != "Event":
                obj.TOPIC = f"{prefix}.{name}"  # type: ignore[attr-defined]
                register_topic(obj.TOPIC, obj)  # type: ignore[attr-defined]
        cls.TOPIC = prefix  # type: ignore[attr-defined]
        register_topic(prefix, cls)

    @classmethod
    def _create(cls, event_class: Any, *, id: UUID | None = None, **kwargs: Any) -> Any:  # noqa: A002
        return super()._create(event_class, id=id, **_stamp_kwargs(), **kwargs)

    def trigger_event(self, event_class: Any, **kwargs: Any) -> None:
        super().trigger_event(event_class, **_stamp_kwargs(), **kwargs)

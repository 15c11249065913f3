"""Deterministic aggregate ids for natural keys.

An aggregate whose id is derived from a natural key (a trainee's IIN, a college's
agreement number) can be created only once: a second writer's insert of version 1
collides in the event store, which is how uniqueness holds across processes.
"""

from __future__ import annotations

from uuid import UUID, uuid5

DUALTRACK_NAMESPACE = UUID("6f1d3c1e-8a1b-5d7e-9c2f-4b8a1e0d2c55")


def natural_id(kind: str, *parts: str) -> UUID:
    return uuid5(DUALTRACK_NAMESPACE, "/".join((kind, *parts)))

"""Idempotency keys: a client's retry of a request gets the first answer, not a second effect.

One record per (caller, key), with a natural id, so two processes racing to
reserve the same key collide in the event store and only one goes ahead. Only
successful answers are kept: a failed request recorded nothing, so its key is
released and may be used again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.audit import AuditedAggregate
from domain.shared.errors import InvalidValueError, RuleViolationError
from domain.shared.ids import natural_id


class IdempotencyRecord(AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:idempotency.IdempotencyRecord"

    status: int | None
    headers: dict[str, str]

    @staticmethod
    def create_id(owner: str, key: str) -> UUID:
        return natural_id("idempotency", owner, key)

    @event("Reserved")
    def __init__(self, owner: str, key: str, fingerprint: str, method: str, path: str) -> None:
        self.owner = owner
        self.key = key
        self._take(fingerprint, method, path)

    @property
    def in_progress(self) -> bool:
        return self.status is None and not self.released

    @property
    def completed(self) -> bool:
        return self.status is not None

    def check_same_request(self, fingerprint: str) -> None:
        if fingerprint != self.fingerprint:
            raise InvalidValueError(
                f"Idempotency-Key {self.key!r} was already used for a different request "
                f"({self.method} {self.path}); use a new key for a new request",
                field="Idempotency-Key", rule="idempotency_key_reused")

    def is_abandoned(self, now: datetime, timeout: timedelta) -> bool:
        """A reservation whose request never finished (its process died) may be taken over."""
        return self.in_progress and now - self.modified_on > timeout

    def reserve_again(self, fingerprint: str, method: str, path: str, *, now: datetime,
                      timeout: timedelta) -> None:
        if self.completed:
            raise RuleViolationError("this key already has an answer",
                                     rule="idempotency_key_completed")
        if self.in_progress and not self.is_abandoned(now, timeout):
            raise RuleViolationError(
                f"a request with Idempotency-Key {self.key!r} is still in progress; "
                "retry after it has finished", rule="idempotency_request_in_progress")
        self._reserve_again(fingerprint=fingerprint, method=method, path=path)

    @event("ReservedAgain")
    def _reserve_again(self, fingerprint: str, method: str, path: str) -> None:
        self._take(fingerprint, method, path)

    def complete(self, status: int, body: str, headers: dict[str, str]) -> None:
        if not self.in_progress:
            raise RuleViolationError("only a reserved key can be completed",
                                     rule="idempotency_not_reserved")
        self._complete(status=status, body=body, headers=headers)

    @event("Completed")
    def _complete(self, status: int, body: str, headers: dict[str, str]) -> None:
        self.status = status
        self.body = body
        self.headers = dict(headers)

    def release(self) -> None:
        if self.in_progress:
            self._release()

    @event("Released")
    def _release(self) -> None:
        self.released = True

    def _take(self, fingerprint: str, method: str, path: str) -> None:
        self.fingerprint = fingerprint
        self.method = method
        self.path = path
        self.status = None
        self.body = ""
        self.headers = {}
        self.released = False

"""Idempotency keys, stored as events so every process and every backend shares them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from eventsourcing.persistence import IntegrityError

from application.base import DualtrackApplication
from application.errors import ConcurrentWriteError
from application.security import Principal
from infrastructure.idempotency.record import IdempotencyRecord

# Longer than any request may run (gunicorn kills a worker after 30 s by default).
ABANDONED_AFTER = timedelta(minutes=5)


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str]


def owner_of(principal: Principal) -> str:
    """Keys are scoped to the caller, so two callers' keys never meet."""
    return f"{principal.actor.role.value}:{principal.actor.id}"


class Idempotency(DualtrackApplication):
    name = "idempotency"

    def reserve(self, principal: Principal, key: str, *, fingerprint: str, method: str,
                path: str, now: datetime) -> StoredResponse | None:
        """Reserve ``key`` for this request: None to go ahead, or the earlier answer to replay.

        Raises InvalidValueError (422) when the key was used for a different request
        and RuleViolationError (409) while a request with the key is still running.
        """
        record_id = IdempotencyRecord.create_id(owner_of(principal), key)
        if not self.exists(record_id):
            with self.acting(principal):
                record = IdempotencyRecord(owner=owner_of(principal), key=key,
                                           fingerprint=fingerprint, method=method, path=path)
            self._save(record, key)
            return None
        record = self.load(record_id, IdempotencyRecord, "idempotency key")
        if not record.released:
            record.check_same_request(fingerprint)
        if record.completed:
            return StoredResponse(record.status, record.body, record.headers)  # type: ignore[arg-type]
        with self.acting(principal):
            record.reserve_again(fingerprint, method, path, now=now, timeout=ABANDONED_AFTER)
        self._save(record, key)
        return None

    def complete(self, principal: Principal, key: str, response: StoredResponse) -> None:
        record = self._key_record(principal, key)
        with self.acting(principal):
            record.complete(response.status, response.body, response.headers)
        self._save(record, key)

    def release(self, principal: Principal, key: str) -> None:
        record = self._key_record(principal, key)
        with self.acting(principal):
            record.release()
        self._save(record, key)

    def _key_record(self, principal: Principal, key: str) -> IdempotencyRecord:
        return self.load(IdempotencyRecord.create_id(owner_of(principal), key),
                         IdempotencyRecord, "idempotency key")

    def _save(self, record: IdempotencyRecord, key: str) -> None:
        # Not self.record(): that would make the key's position the request's
        # read-your-writes position, which belongs to the command's application.
        try:
            self.save(record)
        except IntegrityError:
            raise ConcurrentWriteError(
                f"a request with Idempotency-Key {key!r} is already in progress; retry after "
                "it has finished", rule="idempotency_request_in_progress") from None

"""Idempotency keys: a client's retry of a request gets the first answer, not a second effect.

Request bookkeeping, not business facts: one row per (caller, key) in a plain table beside
the views (``idempotency_keys``), never in the event store, and gone after
``DUALTRACK_IDEMPOTENCY_TTL`` (24 h by default). A row keeps the request's digest, and once
answered its status, ``Location``, ``ETag``, ``X-Position``, content type and the resource
to re-read (``Location``, or the one the request was made on): not the body, which a
replay re-reads from that resource (``interfaces/web/idempotency.py``), so no copy
of an answer (with the personal data it may hold) outlives the resource.

Two processes racing to reserve the same key meet at the primary key: one goes ahead, the
other is 409. Only successful answers are kept: a failed request recorded nothing, so its
row is deleted and the key may be used again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from application.errors import ConcurrentWriteError
from application.security import Principal
from domain.shared.errors import InvalidValueError, RuleViolationError
from infrastructure.side_tables import SideTables

# Longer than any request may run (gunicorn kills a worker after 30 s by default).
ABANDONED_AFTER = timedelta(minutes=5)
DEFAULT_TTL = timedelta(hours=24)
# What an answer keeps, and a replay sends again.
KEPT_HEADERS = ("Content-Type", "Location", "ETag", "X-Position")
_COLUMNS = ("content_type", "location", "etag", "position")


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: dict[str, str]
    # What a replay re-reads: Location, or the resource the request was made on.
    resource: str | None = None


def owner_of(principal: Principal) -> str:
    """Keys are scoped to the caller, so two callers' keys never meet."""
    return f"{principal.actor.role.value}:{principal.actor.id}"


class Idempotency:
    name = "idempotency"

    def __init__(self, settings: Any, *, ttl: timedelta = DEFAULT_TTL) -> None:
        self.ttl = ttl
        self.tables = SideTables(settings)
        self.table = self.tables.table("idempotency_keys")
        if not (settings.create_tables or settings.backend == "sqlite"):
            return  # PostgreSQL: `dualtrack migrate` made it (the runtime role may not)
        with self.tables.transaction() as run:
            run(f"CREATE TABLE IF NOT EXISTS {self.table} (owner TEXT NOT NULL, "
                "key TEXT NOT NULL, fingerprint TEXT NOT NULL, method TEXT NOT NULL, "
                "path TEXT NOT NULL, reserved_at DOUBLE PRECISION NOT NULL, "
                "expires_at DOUBLE PRECISION NOT NULL, status INTEGER, content_type TEXT, "
                "location TEXT, etag TEXT, position TEXT, resource TEXT, PRIMARY KEY "
                "(owner, key))", ())
            run(f"CREATE INDEX IF NOT EXISTS idempotency_keys_expiry ON {self.table} "
                "(expires_at)", ())

    def reserve(self, principal: Principal, key: str, *, fingerprint: str, method: str,
                path: str, now: datetime) -> StoredResponse | None:
        """Reserve ``key`` for this request: None to go ahead, or the earlier answer to replay.

        Raises InvalidValueError (422) when the key was used for a different request
        and RuleViolationError (409) while a request with the key is still running.
        """
        owner, at = owner_of(principal), now.timestamp()
        with self.tables.transaction() as run:
            run(f"DELETE FROM {self.table} WHERE expires_at < %s", (at,))
            inserted = run(
                f"INSERT INTO {self.table} (owner, key, fingerprint, method, path, "
                "reserved_at, expires_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (owner, key) DO NOTHING RETURNING 1",
                (owner, key, fingerprint, method, path, at, at + self.ttl.total_seconds()))
            if inserted:
                return None
            rows = run(f"SELECT fingerprint, method, path, reserved_at, status, resource, "
                       f"{', '.join(_COLUMNS)} FROM {self.table} WHERE owner = %s AND "
                       "key = %s", (owner, key))
            if not rows:  # deleted meanwhile by its own failed request: try again later
                raise self._in_progress(key)
            found, was_method, was_path, reserved_at, status, resource, *headers = rows[0]
            if found != fingerprint:
                raise InvalidValueError(
                    f"Idempotency-Key {key!r} was already used for a different request "
                    f"({was_method} {was_path}); use a new key for a new request",
                    field="Idempotency-Key", rule="idempotency_key_reused")
            if status is not None:
                return StoredResponse(int(status), {
                    name: value for name, value in zip(KEPT_HEADERS, headers, strict=True)
                    if value is not None}, resource)
            if at - float(reserved_at) <= ABANDONED_AFTER.total_seconds():
                raise RuleViolationError(
                    f"a request with Idempotency-Key {key!r} is still in progress; retry "
                    "after it has finished", rule="idempotency_request_in_progress")
            # Its process died: taken over.
            run(f"UPDATE {self.table} SET reserved_at = %s, expires_at = %s WHERE owner = %s "
                "AND key = %s", (at, at + self.ttl.total_seconds(), owner, key))
            return None

    def complete(self, principal: Principal, key: str, response: StoredResponse) -> None:
        values = [response.headers.get(name) for name in KEPT_HEADERS]
        with self.tables.transaction() as run:
            run(f"UPDATE {self.table} SET status = %s, resource = %s, "
                + ", ".join(f"{column} = %s" for column in _COLUMNS)
                + " WHERE owner = %s AND key = %s AND status IS NULL",
                (response.status, response.resource, *values, owner_of(principal), key))

    def release(self, principal: Principal, key: str) -> None:
        with self.tables.transaction() as run:
            run(f"DELETE FROM {self.table} WHERE owner = %s AND key = %s AND status IS NULL",
                (owner_of(principal), key))

    def _in_progress(self, key: str) -> ConcurrentWriteError:
        return ConcurrentWriteError(
            f"a request with Idempotency-Key {key!r} is already in progress; retry after it "
            "has finished", rule="idempotency_request_in_progress")

    def close(self) -> None:
        self.tables.close()

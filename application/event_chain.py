"""Checking the stored event chain itself, not a view of it.

An auditor replays history from these records, so a lost, doubled or unreadable
record matters even where no view depends on it. For each application's
notification log: positions strictly increase, every aggregate's versions run
1, 2, 3, ... with no gap or repeat, and every record decodes with the
application's own mapper (with a cipher key, a tampered record fails here, and so does
one moved to another row: the ciphertext is bound to its topic, aggregate and version).
Gaps between positions are not breaks: PostgreSQL sequences skip numbers when a
transaction rolls back.

Every event also carries a hash (``link_hash``) over exactly the bytes stored (topic,
originator id, version, state: ciphertext when encrypted) and the hash of the event
before it in its aggregate, kept in a table beside the events and written in the same
transaction (``infrastructure/history``). Checking each link on its own names the very
event that changed, was swapped, inserted or deleted. A seal (``seal_of``) keeps, per
application, the last position and every aggregate's head hash with a Merkle root over
them: checked against one kept outside the database, it also finds an aggregate's last
events deleted, or a chain rewritten with hashes to match.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable
from uuid import UUID

PAGE_SIZE = 1000
# The "previous hash" of every aggregate's first event.
GENESIS = bytes(32)
_LINK_DOMAIN = b"dualtrack.event-chain.v1\x00"


def link_hash(previous: bytes, originator_id: UUID, version: int, topic: str,
              state: bytes) -> bytes:
    """SHA-256 over the previous event's hash and this event's stored bytes."""
    digest = hashlib.sha256(_LINK_DOMAIN)
    digest.update(previous)
    digest.update(originator_id.bytes)
    digest.update(version.to_bytes(8, "big", signed=True))
    encoded = topic.encode()
    digest.update(len(encoded).to_bytes(4, "big"))
    digest.update(encoded)
    digest.update(state)
    return digest.digest()


def chain_hashes(events: Any, previous: Mapping[tuple[UUID, int], bytes]
                 ) -> list[bytes]:
    """The hash of each stored event in ``events`` (in order), given the hashes already
    stored for the events before them (``previous``, keyed by aggregate and version)."""
    known = dict(previous)
    hashes = []
    for stored in events:
        originator_id = _uuid(stored.originator_id)
        version = stored.originator_version
        before = GENESIS if version == 1 else known.get((originator_id, version - 1), GENESIS)
        value = link_hash(before, originator_id, version, stored.topic, _bytes(stored.state))
        known[(originator_id, version)] = value
        hashes.append(value)
    return hashes


def merkle_root(heads: Mapping[UUID, tuple[int, bytes]]) -> bytes:
    """A Merkle root over every aggregate's head (id, version, hash), in id order."""
    level = [hashlib.sha256(b"\x00" + originator_id.bytes + version.to_bytes(8, "big")
                            + value).digest()
             for originator_id, (version, value) in sorted(heads.items(),
                                                           key=lambda item: item[0].bytes)]
    if not level:
        return hashlib.sha256(b"").digest()
    while len(level) > 1:
        paired = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
                  for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def _bytes(state: Any) -> bytes:
    # A state edited by hand may come back as text (SQLite's || makes a BLOB TEXT).
    return state.encode() if isinstance(state, str) else bytes(state)


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


@runtime_checkable
class HashedRecorder(Protocol):
    """What a recorder that keeps the chain offers the checks (``infrastructure/history``)."""

    def select_hashes(self) -> dict[tuple[UUID, int], bytes]: ...

    def chain_origin(self) -> tuple[int, int] | None: ...


@dataclass(frozen=True)
class ChainBreak:
    application: str
    position: int
    problem: str
    originator_id: UUID | None = None
    version: int | None = None

    def __str__(self) -> str:
        return f"event chain {self.application}:{self.position}: {self.problem}"


@dataclass
class ChainReport:
    application: str
    notifications: int = 0
    aggregates: int = 0
    # Each aggregate's last version and the hash recomputed for it (what a seal keeps).
    heads: dict[UUID, tuple[int, bytes]] = field(default_factory=dict)
    last_position: int = 0
    # The hash recomputed for each aggregate at the version a seal holds for it.
    at_seal: dict[UUID, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class SealedApplication:
    """One application's part of a seal: its last position and every aggregate's head."""

    last_position: int
    heads: Mapping[UUID, tuple[int, bytes]]

    @property
    def root(self) -> bytes:
        return merkle_root(self.heads)


def seal_of(report: ChainReport) -> SealedApplication:
    return SealedApplication(report.last_position, dict(report.heads))


def check_chain(application: Any, *, limit: int | None = 100,
                seal: SealedApplication | None = None
                ) -> tuple[ChainReport, list[ChainBreak]]:
    """Breaks in ``application``'s notification log up to its head now (at most ``limit``;
    None for all), and against ``seal`` when given."""
    name = application.name
    report = ChainReport(name)
    breaks: list[ChainBreak] = []
    last_versions: dict[UUID, int] = {}
    recorder = application.recorder
    hashed = isinstance(recorder, HashedRecorder)
    stored_hashes = recorder.select_hashes() if hashed else {}
    seen: set[tuple[UUID, int]] = set()
    previous = 0
    for notification in _notifications(recorder):
        report.notifications += 1
        originator_id = _uuid(notification.originator_id)
        version = notification.originator_version
        found = [ChainBreak(name, notification.id, problem, originator_id, at)
                 for problem, at in _problems(application, notification, previous,
                                              last_versions)]
        if hashed:
            found += [ChainBreak(name, notification.id, problem, originator_id, at)
                      for problem, at in _link_problems(notification, stored_hashes, report,
                                                       seal)]
        if seal is not None and notification.id <= seal.last_position:
            sealed = seal.heads.get(originator_id)
            if sealed is None or version > sealed[0]:
                found.append(ChainBreak(
                    name, notification.id, f"aggregate {originator_id} version {version} is "
                    f"at position {notification.id}, before the seal's last position "
                    f"{seal.last_position}, but the seal does not hold it: inserted",
                    originator_id, version))
        breaks += found
        if limit is not None and len(breaks) >= limit:
            break
        seen.add((originator_id, version))
        previous = max(previous, notification.id)
        last_versions[originator_id] = max(version, last_versions.get(originator_id, 0))
    else:
        if hashed:
            breaks += _orphans(name, stored_hashes, seen)
            if stored_hashes and recorder.chain_origin() is None:
                breaks.append(ChainBreak(name, 0, "events were written before the chain "
                                         "began and never chained: run `dualtrack migrate`"))
        if seal is not None:
            breaks += _against_seal(name, seal, report)
    report.aggregates = len(last_versions)
    report.last_position = previous
    return report, breaks if limit is None else breaks[:limit]


def _problems(application: Any, notification: Any, previous: int,
              last_versions: dict[UUID, int]) -> Iterator[tuple[str, int]]:
    version = notification.originator_version
    if notification.id <= previous:
        yield f"position {notification.id} does not follow position {previous}", version
    expected = last_versions.get(_uuid(notification.originator_id), 0) + 1
    if version != expected:
        kind = notification.topic.rpartition(":")[2] or notification.topic
        # A version skipped names the missing one; one repeated or early, itself.
        at = expected if version > expected else version
        yield (f"aggregate {notification.originator_id} ({kind}) has version "
               f"{version} where {expected} was due", at)
    try:
        application.mapper.to_domain_event(notification)
    except Exception as error:  # any failure to read it back is the finding itself
        yield f"the record does not decode: {type(error).__name__}: {error}", version


def _link_problems(notification: Any, stored: Mapping[tuple[UUID, int], bytes],
                   report: ChainReport, seal: SealedApplication | None
                   ) -> Iterator[tuple[str, int]]:
    originator_id = _uuid(notification.originator_id)
    version = notification.originator_version
    own = stored.get((originator_id, version))
    before = GENESIS if version == 1 else stored.get((originator_id, version - 1))
    computed = link_hash(before or GENESIS, originator_id, version, notification.topic,
                         _bytes(notification.state))
    head = report.heads.get(originator_id)
    if head is None or version > head[0]:
        report.heads[originator_id] = (version, computed)
    sealed_here = seal is not None and seal.heads.get(originator_id, (0, b""))[0] == version
    if sealed_here and before is not None:  # else the missing link is the finding
        report.at_seal[originator_id] = computed
    if own is None:
        yield (f"aggregate {originator_id} version {version} has no hash: inserted past "
               "the chain", version)
    elif before is None:
        yield (f"aggregate {originator_id} version {version - 1}, before version "
               f"{version}, has no hash: deleted", version - 1)
    elif computed != own:
        yield (f"aggregate {originator_id} version {version}: the stored event does not "
               "match its hash (changed, swapped or forged)", version)


def _orphans(name: str, stored: Mapping[tuple[UUID, int], bytes],
             seen: set[tuple[UUID, int]]) -> list[ChainBreak]:
    return [ChainBreak(name, 0, f"aggregate {originator_id} version {version} has a hash "
                       "but no event: deleted", originator_id, version)
            for originator_id, version in sorted(set(stored) - seen,
                                                 key=lambda key: (str(key[0]), key[1]))]


def _against_seal(name: str, seal: SealedApplication, report: ChainReport
                  ) -> list[ChainBreak]:
    breaks = []
    for originator_id, (version, sealed_hash) in seal.heads.items():
        now = report.heads.get(originator_id)
        if now is None or now[0] < version:
            have = "none" if now is None else f"version {now[0]}"
            breaks.append(ChainBreak(
                name, 0, f"aggregate {originator_id} version {version} was sealed and is "
                f"gone (the store has {have}): deleted", originator_id, version))
        elif report.at_seal.get(originator_id, sealed_hash) != sealed_hash:
            breaks.append(ChainBreak(
                name, 0, f"aggregate {originator_id} version {version} differs from the "
                "seal: its history up to the seal was rewritten", originator_id, version))
    return breaks


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

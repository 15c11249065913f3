"""What every dualtrack Application shares: transcodings, snapshots, saving, reading."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder
from eventsourcing.utils import Environment

from application.errors import ConcurrentWriteError, NotFoundError, StaleVersionError
from application.inputs import moment, positive_int
from application.projections.positions import format_position
from application.security import Principal
from application.transcodings import register_all
from domain.shared.audit import AuditedAggregate, acting_as
from domain.shared.calendar import business_today
from domain.shared.errors import InvalidValueError

A = TypeVar("A", bound=AuditedAggregate)


@dataclass(frozen=True)
class Recorded(Generic[A]):
    """What a command did: the aggregate as it now is, whether anything new was recorded
    (False for a repeat that the rules turn into a no-op, such as a payment reference
    sent twice), and the position of the last event written (``"agreements:123"``, for
    read-your-writes), None when nothing was."""

    aggregate: A
    new: bool
    position: str | None



def require_version(aggregate: AuditedAggregate, expected_version: int | None,
                    what: str) -> None:
    """The If-Match check (412): ``aggregate`` is at ``expected_version``, when one is given."""
    if expected_version is not None and aggregate.version != expected_version:
        raise StaleVersionError(
            f"{what} is at version {aggregate.version}, not {expected_version}")


class DualtrackApplication(Application[UUID]):
    """Base class: subclasses set a fixed ``name`` (it names their tables)."""

    # Snapshots only for the applications that declare ``snapshotting_intervals`` (the
    # aggregates that grow to hundreds of events): a snapshot store makes every get read
    # the snapshot table first, a wasted round trip for an aggregate that never has one.
    is_snapshotting_enabled = False
    # Aggregates kept in memory between requests (0: none). A cached aggregate is
    # fast-forwarded on every get (its newer events are read, usually none), so it is
    # never stale: a token revoked or an organisation changed by another process is seen
    # at once. What the cache saves is decoding the whole history each time.
    aggregate_cache_size = 0

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        # Business "today" (Asia/Almaty); tests and the demo may pin it.
        self.clock: Callable[[], date] = business_today

    def construct_env(self, name: str, env: Any = None) -> Environment:
        # Unlike the library's default, os.environ is not merged in: the settings
        # object is the one reader of the environment, and nothing inherited from
        # the process (POSTGRES_ENABLE_DB_FUNCTIONS, say) can slip past it.
        values: dict[str, str] = {}
        if self.is_snapshotting_enabled or self.snapshotting_intervals:
            values["IS_SNAPSHOTTING_ENABLED"] = "y"
        if self.aggregate_cache_size:
            values["AGGREGATE_CACHE_MAXSIZE"] = str(self.aggregate_cache_size)
            values["AGGREGATE_CACHE_FASTFORWARD"] = "y"
        values.update(env or {})
        return Environment(name, values)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_all(transcoder)

    def today(self) -> date:
        return self.clock()

    @contextmanager
    def acting(self, principal: Principal) -> Iterator[None]:
        with acting_as(principal.actor, principal.correlation_id):
            yield

    def record(self, *aggregates: AuditedAggregate | None) -> str | None:
        """Save atomically; a concurrent writer's win becomes ``ConcurrentWriteError``.

        Returns the position of the last event recorded (``"<name>:<notification id>"``,
        for read-your-writes), or None when nothing was pending.
        """
        try:
            recordings = self.save(*aggregates)
        except IntegrityError as error:
            raise ConcurrentWriteError(
                "another request changed this record at the same time; nothing was "
                "recorded, read it again and retry"
            ) from error
        if not recordings:
            return None
        return format_position(self.name, recordings[-1].notification.id)

    def recorded(self, aggregate: A, *others: AuditedAggregate | None) -> Recorded[A]:
        """Save ``aggregate`` with ``others`` (guards, ...) atomically; say what happened."""
        position = self.record(aggregate, *others)
        return Recorded(aggregate, new=position is not None, position=position)

    def recorded_claiming(self, aggregate: A, claim: AuditedAggregate,
                          taken: Exception) -> Recorded[A]:
        """Save ``aggregate`` with ``claim``, a guard new at version 1 under a natural id.

        No read first: when the id is already taken the insert collides and ``taken``
        is raised (any other collision stays a concurrent write). Racing writers meet
        the same answer as a late one.
        """
        try:
            return self.recorded(aggregate, claim)
        except ConcurrentWriteError:
            if self.exists(claim.id):
                raise taken from None
            raise

    def load_or_none(self, aggregate_id: UUID, kind: type[A], what: str) -> A | None:
        """The aggregate, or None when nothing was recorded under ``aggregate_id``.

        One read: not ``exists`` then ``load`` (the repository's ``in`` is a full get).
        """
        try:
            return self.load(aggregate_id, kind, what)
        except NotFoundError:
            return None

    def load(
        self,
        aggregate_id: UUID,
        kind: type[A],
        what: str,
        *,
        version: int | None = None,
        expected_version: int | None = None,
    ) -> A:
        try:
            aggregate: Any = self.repository.get(aggregate_id, version=version)
        except AggregateNotFoundError:
            raise NotFoundError(f"{what} not found") from None
        if not isinstance(aggregate, kind):
            raise NotFoundError(f"{what} not found")
        require_version(aggregate, expected_version, what)
        return aggregate

    def existing(self, aggregate_ids: Sequence[UUID]) -> set[UUID]:
        """Which of ``aggregate_ids`` were ever recorded: one query per 500 where the
        recorder can (both stores' recorders here), else one read each."""
        bulk = getattr(self.recorder, "select_existing", None)
        if bulk is None:
            return {aggregate_id for aggregate_id in aggregate_ids if self.exists(aggregate_id)}
        found: set[UUID] = set()
        for start in range(0, len(aggregate_ids), 500):
            found |= bulk(list(aggregate_ids[start:start + 500]))
        return found

    def exists(self, aggregate_id: UUID) -> bool:
        """Whether anything was recorded under ``aggregate_id`` (one read of its events)."""
        return aggregate_id in self.repository

    def load_as_of(self, aggregate_id: UUID, kind: type[A], what: str, moment: datetime) -> A:
        """State as it was at ``moment`` (UTC): the last version recorded by then."""
        version = None
        for stored in self.events.get(aggregate_id):
            if stored.timestamp > moment:  # type: ignore[attr-defined]
                break
            version = stored.originator_version
        if version is None:
            raise NotFoundError(f"{what} did not exist at {moment.isoformat()}")
        return self.load(aggregate_id, kind, what, version=version)

    def state_at(self, current: A, what: str, *, version: object = None,
                 as_of: object = None) -> A:
        """``current`` as it was at ``version``, or at the moment ``as_of`` (UTC)."""
        if version is not None and as_of is not None:
            raise InvalidValueError("give version or as_of, not both", field="as_of",
                                    rule="exclusive")
        if as_of is not None:
            return self.load_as_of(current.id, type(current), what, moment(as_of))
        if version is None:
            return current
        wanted = positive_int("version", version)
        if wanted > current.version:
            raise NotFoundError(f"{what} has no version {wanted}")
        return self.load(current.id, type(current), what, version=wanted)

    def events_of(self, aggregate_id: UUID) -> list[Any]:
        """Every event of one aggregate, oldest first (for auditors' histories)."""
        return list(self.events.get(aggregate_id))

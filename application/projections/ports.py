"""What the projections need from a view store, without saying which database it is.

``infrastructure.views`` implements it for SQLite (``views.sqlite``) and for
PostgreSQL (``views_*`` tables in the configured schema). A store is one set of view
tables plus their tracking table, all under one name prefix: a rebuild fills a
second set beside the live one and swaps them in one transaction.

The store is an eventsourcing ``TrackingRecorder``: its tracking records (one row per
source application, the last notification applied) are written in the same
transaction as the view rows they account for, which is what makes processing
exactly-once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking, TrackingRecorder

from application.projections.schema import Table

Row = dict[str, Any]


class ViewTransaction(ABC):
    """One write transaction: rows and tracking positions commit together or not at all."""

    @abstractmethod
    def position(self, source: str) -> int:
        """The source's tracked position, held for this transaction (a second runner
        asking for the same source waits until this transaction ends)."""

    @abstractmethod
    def set_position(self, source: str, position: int) -> None: ...

    @abstractmethod
    def fetch(self, table: Table, keys: Collection[str]) -> dict[str, Row]:
        """The stored rows with these keys (missing keys are absent from the result)."""

    @abstractmethod
    def upsert(self, table: Table, rows: Sequence[Row]) -> None:
        """Insert the rows, replacing any stored row with the same key."""


class ViewReader(ABC):
    """Consistent reads: everything read through one reader is from one moment."""

    @abstractmethod
    def positions(self) -> dict[str, int]: ...

    @abstractmethod
    def rows(self, table: Table) -> Iterator[Row]:
        """Every row of ``table``, in key order."""


class ViewStore(TrackingRecorder, ABC):
    prefix: str

    # Lifecycle -----------------------------------------------------------------------

    @abstractmethod
    def create_tables(self, *, with_indexes: bool = True) -> None: ...

    @abstractmethod
    def drop_tables(self) -> None: ...

    @abstractmethod
    def scratch(self, name: str) -> ViewStore:
        """An empty store of the same kind beside this one (tables prefixed ``name``)."""

    @abstractmethod
    def replace_with(self, scratch: ViewStore) -> None:
        """Make ``scratch``'s tables (and tracking) the live ones, in one transaction."""

    @abstractmethod
    def fingerprint(self) -> str | None:
        """``schema.FINGERPRINT`` of the code that created these tables (None: no tables)."""

    @abstractmethod
    def secret(self) -> bytes:
        """The key for pseudonyms; created once per database, shared with scratch stores."""

    @abstractmethod
    def close(self) -> None: ...

    # Writing and reading -------------------------------------------------------------

    @abstractmethod
    def transaction(self) -> AbstractContextManager[ViewTransaction]: ...

    @abstractmethod
    def reader(self) -> AbstractContextManager[ViewReader]: ...

    @abstractmethod
    def positions(self) -> dict[str, int]: ...

    # Queries (SQL lives in the store; callers pass plain values) ---------------------

    @abstractmethod
    def select(self, table: Table, filters: Mapping[str, Any], order: Sequence[tuple[str, bool]],
               limit: int, offset: int) -> tuple[list[Row], int]:
        """Rows matching every ``column == value`` filter, ordered by (column, descending)
        pairs, one page of them; and how many match in all."""

    @abstractmethod
    def select_in(self, table: Table, column: str, values: Collection[Any]) -> list[Row]:
        """Rows whose ``column`` holds one of ``values`` (any order)."""

    @abstractmethod
    def agreement_figures(self, group_by: str, *, year: int | None, region: str | None,
                          today: date, overdue_before: date,
                          with_region: bool = False) -> list[Row]:
        """Per (``group_by`` column as ``grp``, ``year``; and ``region`` if asked) group of
        agreements: the counts and sums named in ``application.projections.monitoring``."""

    @abstractmethod
    def contract_figures(self, group_by: str, *, year: int | None,
                         region: str | None) -> list[Row]:
        """Per (``grp``, ``year``) group of mentor contracts: approved, paid, reversed."""

    @abstractmethod
    def organisation_names(self) -> dict[str, str]: ...

    @abstractmethod
    def reimbursement_figures(self, group_by: str, *, year: int | None,
                              region: str | None) -> tuple[list[Row], list[Row]]:
        """Per (``grp``, ``year``): the claims' counts and sums, and the budgets' sums
        (named in ``application.projections.reimbursement``)."""

    # eventsourcing's TrackingRecorder -------------------------------------------------

    def max_tracking_id(self, application_name: str) -> int | None:
        return self.positions().get(application_name) or None

    def insert_tracking(self, tracking: Tracking) -> None:
        with self.transaction() as transaction:
            record(transaction, tracking)


def record(transaction: ViewTransaction, tracking: Tracking) -> None:
    """Move a source's position forward; refused (as eventsourcing does) if not forward."""
    current = transaction.position(tracking.application_name)
    if tracking.notification_id <= current:
        raise IntegrityError(f"{tracking.application_name} position {tracking.notification_id} "
                             f"is already applied (the views are at {current})")
    transaction.set_position(tracking.application_name, tracking.notification_id)

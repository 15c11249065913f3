"""View storage for the projections: which store, which sources, how to wait for news.

``open_projections(settings, system)`` is what the composition root, the command line
and the web layer call: SQLite settings give ``<data dir>/views.sqlite`` and a polling
runner that readers may help along (no separate process needed); PostgreSQL settings
give ``views_*`` tables in the configured schema and a runner woken by the source
applications' LISTEN/NOTIFY subscriptions (run it as ``dualtrack projections run``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from application.projections.deadlines import Thresholds
from application.projections.facade import Projections
from application.projections.runner import BatchHook, Source
from application.projections.schema import SOURCES
from application.projections.waiting import PollingWaiter, Waiter
from infrastructure.pool import shared_pool
from infrastructure.settings import Settings
from infrastructure.views.leader import ElectedProjector
from infrastructure.views.listening import ListenWaiter
from infrastructure.views.postgres_store import PostgresViewStore, conninfo
from infrastructure.views.sql_store import SqlViewStore
from infrastructure.views.sqlite_store import SQLiteViewStore

__all__ = ["elected_projector", "open_projections", "open_store"]

SQLITE_POLL_SECONDS = 0.2


def open_store(settings: Settings) -> SqlViewStore:
    if settings.backend == "postgres":
        pool, release = shared_pool(settings.pool_env())
        return PostgresViewStore(settings.postgres, pool=pool, release=release)
    return SQLiteViewStore(settings.data_dir / "views.sqlite")


def open_projections(settings: Settings, system: Any, *, batch_size: int = 1000,
                     before_commit: BatchHook | None = None,
                     clock: Callable[[], date] | None = None) -> Projections:
    """The projections over ``system``'s applications (a bootstrapped ``Dualtrack``)."""
    # Only the applications some view is made from (not, say, the intake's jobs).
    sources = [Source.of(application) for application in system.applications
               if application.name in SOURCES]
    postgres = settings.backend == "postgres"
    # One LISTEN connection for every source, outside the shared pool (a subscription
    # per source would hold a pooled connection each, for good).
    channels = [getattr(source.recorder, "channel_name", "") for source in sources]
    waiter: Callable[[], Waiter] = (
        (lambda: ListenWaiter(conninfo(settings.postgres), channels)) if postgres
        else (lambda: PollingWaiter(SQLITE_POLL_SECONDS)))
    return Projections(open_store(settings), sources, waiter=waiter, batch_size=batch_size,
                       before_commit=before_commit, assist_reads=not postgres,
                       clock=clock or system.agreements.today,
                       thresholds=deadline_thresholds(settings),
                       create_tables=settings.create_tables or not postgres)


def deadline_thresholds(settings: Settings) -> Thresholds:
    """The ``DUALTRACK_DEADLINE_*`` settings, as the deadlines read them."""
    return Thresholds(
        draft_signature_days=settings.deadline_draft_days,
        practice_start_days=settings.deadline_practice_start_days,
        act_approval_days=settings.deadline_act_approval_days,
        act_payment_days=settings.deadline_act_payment_days,
        certificate_days=settings.deadline_certificate_days,
        claim_decision_days=settings.deadline_claim_decision_days,
        graduate_placement_months=settings.deadline_graduate_months)


def elected_projector(settings: Settings, projections: Projections, *,
                      stop: threading.Event | None = None) -> ElectedProjector:
    """The projector that runs wherever it holds the advisory lock (PostgreSQL only)."""
    channels = [getattr(source.recorder, "channel_name", "") for source in projections.sources]
    return ElectedProjector(conninfo(settings.postgres),
                            settings.postgres.get("POSTGRES_SCHEMA") or "public", channels,
                            projections, stop=stop)

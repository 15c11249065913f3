"""The event chain catches tampering done directly in SQL, past every recorder.

A store of many small aggregates is tampered with in each way an insider with the
database role could (bytes of stored state changed, two events' contents swapped,
events deleted from the middle, an aggregate's last event deleted after a seal, forged
events inserted), with the append-only triggers dropped first on SQLite, as one with the
file can. ``verify`` must name every tampered event (aggregate and version) and nothing
else; on the untouched store it reports nothing.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from infrastructure.history.seals import make_seal, verify
from infrastructure.settings import Settings
from infrastructure.views.postgres_store import conninfo

AGGREGATES, VERSIONS = 810, 6
BYTE_CHANGES, SWAPS, MIDDLE_DELETIONS, LAST_DELETIONS, FORGERIES = 1002, 100, 100, 100, 100


class Counter(Aggregate):
    @event("Started")
    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0

    @event("Counted")
    def count_up(self, by: int, note: str) -> None:
        self.count += by


class Bench(Application[UUID]):
    name = "tamper_bench"


@pytest.fixture
def bench(settings: Settings) -> Iterator[Bench]:
    app = Bench(settings.app_env(Bench.name))
    try:
        yield app
    finally:
        app.close()


class Store:
    """Plain SQL on the bench's tables, as an insider would write it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sqlite = settings.backend == "sqlite"
        self.events = "stored_events" if self.sqlite else "tamper_bench_events"
        self.hashes = "stored_event_hashes" if self.sqlite else "tamper_bench_event_hashes"

    def id(self, originator_id: UUID) -> Any:
        return originator_id.hex if self.sqlite else originator_id

    def run(self, statements: list[tuple[str, tuple[Any, ...]]]) -> list[Any]:
        results = []
        if self.sqlite:
            path = self.settings.sqlite_path(Bench.name)
            with closing(sqlite3.connect(path)) as connection, connection:
                for statement, params in statements:
                    cursor = connection.execute(statement.replace("%s", "?"), params)
                    results.append(cursor.fetchall() if cursor.description else cursor.rowcount)
            return results
        with psycopg.connect(conninfo(self.settings.postgres)) as connection:
            connection.execute(f'SET search_path TO "{self.settings.postgres["POSTGRES_SCHEMA"]}"')
            for statement, params in statements:
                cursor = connection.execute(statement, params)  # type: ignore[arg-type]
                results.append(cursor.fetchall() if cursor.description else cursor.rowcount)
        return results

    def drop_triggers(self) -> None:
        if self.sqlite:
            self.run([(f"DROP TRIGGER {table}_no_{action}", ())
                      for table in (self.events, self.hashes) for action in ("update", "delete")])

    def row(self, originator_id: UUID, version: int) -> tuple[str, bytes]:
        [[(topic, state)]] = self.run([(f"SELECT topic, state FROM {self.events} WHERE "
                                        "originator_id = %s AND originator_version = %s",
                                        (self.id(originator_id), version))])
        return topic, bytes(state)

    def set_row(self, originator_id: UUID, version: int, topic: str, state: bytes) -> tuple[str, tuple[Any, ...]]:
        return (f"UPDATE {self.events} SET topic = %s, state = %s WHERE originator_id = %s "
                "AND originator_version = %s", (topic, state, self.id(originator_id), version))

    def delete(self, table: str, originator_id: UUID, version: int) -> tuple[str, tuple[Any, ...]]:
        return (f"DELETE FROM {table} WHERE originator_id = %s AND originator_version = %s",
                (self.id(originator_id), version))


def _filled(bench: Bench) -> list[UUID]:
    counters = [Counter(name=f"c{i}") for i in range(AGGREGATES)]
    for counter in counters:
        for step in range(VERSIONS - 1):
            counter.count_up(by=step, note=f"step {step} of {counter.name}")
    for start in range(0, AGGREGATES, 100):
        bench.save(*counters[start:start + 100])
    return [counter.id for counter in counters]


def _reported(bench: Bench, seal: Any) -> set[tuple[UUID, int]]:
    [(_, breaks)] = verify([bench], seal, limit=None).reports
    return {(b.originator_id, b.version) for b in breaks}  # type: ignore[misc]


def test_verify_names_every_tampered_event_and_nothing_else(
        bench: Bench, settings: Settings) -> None:
    ids = _filled(bench)
    assert _reported(bench, None) == set()  # no false report on the untouched store
    seal = make_seal([bench])
    assert _reported(bench, seal) == set()

    store = Store(settings)
    store.drop_triggers()
    rng = random.Random(20261204)
    shuffled = ids[:]
    rng.shuffle(shuffled)
    groups = iter(shuffled)
    tampered: set[tuple[UUID, int]] = set()
    statements: list[tuple[str, tuple[Any, ...]]] = []

    # Single-byte changes of state, each in a different event (several per aggregate).
    targets = [(i, v) for i in [next(groups) for _ in range(BYTE_CHANGES // 3)]
               for v in rng.sample(range(1, VERSIONS + 1), 3)]
    for originator_id, version in targets:
        topic, state = store.row(originator_id, version)
        at = rng.randrange(len(state))
        changed = state[:at] + bytes([state[at] ^ rng.randrange(1, 256)]) + state[at + 1:]
        statements.append(store.set_row(originator_id, version, topic, changed))
        tampered.add((originator_id, version))
    # Two events' contents swapped (of two aggregates, at random versions).
    for _ in range(SWAPS):
        first = (next(groups), rng.randrange(1, VERSIONS + 1))
        second = (next(groups), rng.randrange(1, VERSIONS + 1))
        first_row, second_row = store.row(*first), store.row(*second)
        statements += [store.set_row(*first, *second_row), store.set_row(*second, *first_row)]
        tampered |= {first, second}
    last_deleted: set[tuple[UUID, int]] = set()
    # Deleted from the middle: half with the hash row too (an insider covering up).
    for n in range(MIDDLE_DELETIONS):
        target = (next(groups), rng.randrange(2, VERSIONS))
        statements.append(store.delete(store.events, *target))
        if n % 2:
            statements.append(store.delete(store.hashes, *target))
        tampered.add(target)
    # An aggregate's last event deleted after the seal, with its hash: only the seal shows it.
    for _ in range(LAST_DELETIONS):
        target = (next(groups), VERSIONS)
        statements += [store.delete(store.events, *target), store.delete(store.hashes, *target)]
        last_deleted.add(target)
        tampered.add(target)
    # Forged events: a next version of an aggregate (half with a made-up hash), or a new one.
    topic, state = store.row(ids[0], 2)
    for n in range(FORGERIES):
        target = (next(groups), VERSIONS + 1) if n % 3 else (uuid4(), 1)
        statements.append((f"INSERT INTO {store.events} (originator_id, originator_version, "
                           "topic, state) VALUES (%s, %s, %s, %s)",
                           (store.id(target[0]), target[1], topic, state)))
        if n % 2:
            statements.append((f"INSERT INTO {store.hashes} (originator_id, "
                               "originator_version, hash) VALUES (%s, %s, %s)",
                               (store.id(target[0]), target[1], rng.randbytes(32))))
        tampered.add(target)
    store.run(statements)

    reported = _reported(bench, seal)

    assert tampered - reported == set()  # every one found: 100 %
    assert reported - tampered == set()  # nothing else named
    assert len(tampered) == BYTE_CHANGES + 2 * SWAPS + MIDDLE_DELETIONS + LAST_DELETIONS + FORGERIES
    # Without a seal, last events deleted with their hashes leave no trace in the store.
    assert _reported(bench, None) == tampered - last_deleted


def test_a_history_rewritten_with_matching_hashes_differs_from_the_seal(
        bench: Bench, settings: Settings) -> None:
    from application.event_chain import chain_hashes

    ids = _filled(bench)
    seal = make_seal([bench])
    store = Store(settings)
    store.drop_triggers()
    victim = ids[7]
    topic, state = store.row(victim, 3)
    forged = state.replace(b"step 1", b"step 9")
    rows = [store.row(victim, v) for v in range(1, VERSIONS + 1)]
    rows[2] = (topic, forged)

    class Row:
        def __init__(self, version: int, topic: str, state: bytes) -> None:
            self.originator_id, self.originator_version = victim, version
            self.topic, self.state = topic, state

    rewritten = chain_hashes([Row(v, t, s) for v, (t, s) in enumerate(rows, 1)], {})
    store.run([store.set_row(victim, 3, topic, forged)]
              + [(f"UPDATE {store.hashes} SET hash = %s WHERE originator_id = %s AND "
                  "originator_version = %s", (value, store.id(victim), v))
                 for v, value in enumerate(rewritten, 1)])

    assert _reported(bench, None) == set()  # consistent inside the store
    assert _reported(bench, seal) == {(victim, VERSIONS)}  # but not with the seal kept


@pytest.fixture
def runtime_role(postgres_schema: str) -> Iterator[str]:
    from tests.conftest import POSTGRES_URL

    role = f"dt_runtime_{uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'runtime'")
    try:
        yield role
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(f"DROP OWNED BY {role}")
            connection.execute(f"DROP ROLE {role}")


@pytest.mark.postgres
def test_the_runtime_role_appends_events_and_can_neither_update_nor_delete_them(
        postgres_schema: str, runtime_role: str) -> None:
    from infrastructure.migrations import grant_runtime_role, migrate
    from tests.conftest import postgres_settings

    owner = postgres_settings(postgres_schema)
    with Bench(owner.app_env(Bench.name)) as app:  # the owner creates the tables
        app.save(Counter(name="made by the owner"))
    migrate(owner)
    grant_runtime_role(owner, runtime_role)
    runtime = Settings.from_env({
        "DATABASE_URL": conninfo_url(owner, runtime_role), "POSTGRES_SCHEMA": postgres_schema,
        "DUALTRACK_CREATE_TABLES": "no"}).without_creating_tables()

    with Bench(runtime.app_env(Bench.name)) as app:  # the service, as the runtime role
        counter = Counter(name="made by the service")
        counter.count_up(by=1, note="appended")
        app.save(counter)
        assert app.repository.get(counter.id).count == 1
        [(_, breaks)] = verify([app], None).reports
        assert breaks == []

    from infrastructure.bootstrap import bootstrap
    from infrastructure.migrations import require_current_schema

    require_current_schema(runtime)
    with bootstrap(runtime) as dualtrack:  # the applications `serve` opens, as the role
        [(_, breaks)] = verify([dualtrack.participants], None).reports
        assert breaks == []
        views = dualtrack.open_projections()  # and its views, without any DDL
        try:
            views.catch_up()
            assert all(status.lag == 0 for status in views.status())
        finally:
            views.close()

    store = Store(runtime)
    for statement in (f"UPDATE {store.events} SET state = state", f"DELETE FROM {store.events}",
                      f"TRUNCATE {store.events}", f"UPDATE {store.hashes} SET hash = hash",
                      f"DELETE FROM {store.hashes}", f"TRUNCATE {store.hashes}"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            store.run([(statement, ())])


def conninfo_url(settings: Settings, role: str) -> str:
    p = settings.postgres
    return (f"postgresql://{role}:runtime@{p['POSTGRES_HOST']}:{p['POSTGRES_PORT']}"
            f"/{p['POSTGRES_DBNAME']}")

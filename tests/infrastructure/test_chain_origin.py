"""Events written before the chain existed: hashed once, as found, when the hashes table is
first made (``dualtrack migrate`` on PostgreSQL, first use on SQLite); never again, so an
event inserted past the recorders afterwards is still reported."""

from __future__ import annotations

from uuid import uuid4

from infrastructure.history.seals import verify
from infrastructure.settings import Settings
from tests.infrastructure.test_event_chain import Bench, Counter, Store


def test_a_store_written_before_the_chain_is_chained_once_and_later_forgeries_are_found(
        settings: Settings) -> None:
    with Bench(settings.app_env(Bench.name)) as app:
        counters = [Counter(name=f"old {n}") for n in range(20)]
        for counter in counters:
            counter.count_up(by=1, note="before the chain")
        app.save(*counters)
    store = Store(settings)
    origin = "event_chain_origin" if store.sqlite else f"{store.hashes}_origin"
    # As a store of the version before: no hashes, no origin.
    store.run([(f"DROP TABLE {store.hashes}", ()), (f"DROP TABLE {origin}", ())])
    if store.sqlite:
        store.run([("DROP TRIGGER stored_events_no_update", ()),
                   ("DROP TRIGGER stored_events_no_delete", ())])

    with Bench(settings.app_env(Bench.name)) as app:  # the one-time step
        assert app.recorder.chain_origin() == (40, 40)
        [(report, breaks)] = verify([app], None).reports
        assert (report.notifications, breaks) == (40, [])
        app.save(Counter(name="new"))
    forged = uuid4()
    topic, state = store.row(counters[0].id, 2)
    store.drop_triggers()
    store.run([(f"INSERT INTO {store.events} (originator_id, originator_version, topic, "
                "state) VALUES (%s, 1, %s, %s)", (store.id(forged), topic, state))])

    with Bench(settings.app_env(Bench.name)) as app:  # opened again: nothing re-chained
        assert app.recorder.chain_origin() == (40, 40)
        [(_, breaks)] = verify([app], None).reports

    assert [(b.originator_id, b.version) for b in breaks] == [(forged, 1)]
    assert "has no hash: inserted past the chain" in breaks[0].problem

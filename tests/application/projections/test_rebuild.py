"""Rebuilding every view from the first event, and verifying the live views against it."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from application.projections.facade import ViewsOutdatedError
from application.projections.schema import AGREEMENTS, ORGANISATIONS
from application.projections.verify import compare
from application.projections.views import MonitoringViews
from tests.application.agreements.fixtures import draft_agreement
from tests.application.projections.test_figures import snapshot
from tests.application.projections.world import build_world


@pytest.fixture
def projections(system, settings) -> Iterator:
    opened = system.open_projections(batch_size=11)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def world(system):
    return build_world(system)


def heads(projections) -> dict[str, int]:
    return {status.source: status.head for status in projections.status()}


def test_a_rebuild_from_the_first_event_equals_the_live_views_and_takes_their_place(
        projections, world):
    projections.catch_up()
    live = snapshot(projections)
    seen: list[tuple[int, int]] = []

    positions = projections.rebuild(lambda done, total: seen.append((done, total)))
    again = projections.rebuild()

    assert snapshot(projections) == live
    assert positions == again == heads(projections)
    assert seen[-1][0] == seen[-1][1] > 0
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_rebuild_of_views_never_caught_up_brings_them_to_the_head(projections, world):
    projections.rebuild()

    assert projections.store.positions() == heads(projections)
    assert projections.verify() == []


def test_events_recorded_during_a_rebuild_are_applied_after_the_swap(system, projections,
                                                                     world):
    written: list[str] = []

    def write_once(done: int, total: int) -> None:
        if not written:  # a user keeps working while the rebuild runs
            written.append(draft_agreement(system, number="DURING-REBUILD").number)

    projections.rebuild(write_once)
    projections.catch_up()

    assert projections.list_agreements({"status": "draft"}, per_page=100).total == 4
    assert projections.verify() == []


def test_verify_names_the_view_row_and_column_that_differ_and_a_rebuild_mends_them(
        projections, world):
    projections.catch_up()
    key = projections.list_agreements({}, per_page=1, sort="number").items[0]["agreement_id"]
    with projections.store.transaction() as transaction:
        row = transaction.fetch(AGREEMENTS, [key])[key]
        transaction.upsert(AGREEMENTS, [{**row, "compensation_total": Decimal("1.00")}])
        transaction.upsert(ORGANISATIONS, [{"bin": "999999999999", "kind": "college",
                                            "name": "Ghost", "region": "35", "size": None,
                                            "oked": None, "league": None}])

    differences = projections.verify()
    projections.rebuild()

    assert [(d.view, d.key, d.column, d.live, d.rebuilt) for d in differences] == [
        ("organisations", "999999999999", "", "present", "missing"),
        ("agreements", row["agreement_id"], "compensation_total", Decimal("1.00"),
         row["compensation_total"]),
    ]
    assert "agreements[" in str(differences[1]) and "compensation_total" in str(differences[1])
    assert projections.verify() == []


def test_verify_compares_at_the_live_positions_so_lagging_views_are_not_a_difference(
        system, projections, world):
    projections.runner.catch_up(stops={"participants": 2, "agreements": 40})
    draft_agreement(system, number="AFTER")

    assert projections.verify() == []
    assert projections.store.positions()["agreements"] == 40


def test_the_views_also_follow_eventsourcings_one_event_projection_interface(system, projections,
                                                                             world):
    projections.catch_up()
    scratch = projections.store.scratch("oneby")
    scratch.drop_tables()
    scratch.create_tables()
    one_by_one = MonitoringViews(scratch, projections.views.pseudonyms)
    try:
        for source in projections.sources:
            for notification in source.recorder.select_notifications(start=1, limit=100_000):
                one_by_one.process_event(source.mapper.to_domain_event(notification),
                                         Tracking(source.name, notification.id))
        with pytest.raises(IntegrityError):
            one_by_one.process_event(source.mapper.to_domain_event(notification),
                                     Tracking(source.name, notification.id))
        with projections.store.reader() as live, scratch.reader() as rebuilt:
            assert compare(live, rebuilt) == []
        assert scratch.max_tracking_id("agreements") == heads(projections)["agreements"]
    finally:
        scratch.drop_tables()
        scratch.close()


def test_views_made_by_another_version_are_refused_until_rebuilt(projections, world):
    projections.catch_up()
    with projections.store.transaction() as transaction:
        transaction.cursor.execute(  # as if an older dualtrack had made the tables
            f"UPDATE {projections.store.table_name('schema')} SET fingerprint = 'older'")

    assert projections.outdated
    with pytest.raises(ViewsOutdatedError, match="projections rebuild"):
        projections.catch_up()
    assert [(d.view, d.live) for d in projections.verify()] == [("schema", "older")]

    projections.rebuild()

    assert not projections.outdated and projections.verify() == []

"""The view stores: SQLite (views.sqlite) and PostgreSQL (views_* tables in the schema)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from application.projections.schema import AGREEMENTS, MENTOR_CONTRACTS, ORGANISATIONS, SOURCES
from infrastructure.views import open_store


@pytest.fixture
def store(settings) -> Iterator:
    opened = open_store(settings)
    opened.create_tables()
    try:
        yield opened
    finally:
        opened.drop_tables()
        opened.close()


def agreement_row(key: str = "a-1", **changes) -> dict:
    return {
        "agreement_id": key, "number": "DT-1", "status": "active", "college_bin": "090440000012",
        "enterprise_bin": "110740000027", "region": "35", "specialty_code": "07150200",
        "qualification": "Welder", "start_date": date(2026, 9, 1), "end_date": date(2027, 6, 30),
        "year": 2026, "planned_practice_months": 8, "trainee_key": "k" * 32,
        "current_mentor_key": None, "activated_on": date(2026, 11, 23), "closed_on": None,
        "suspension_open": 0, "practice_periods": [["2026-09-01", "2026-09-30"]],
        "practice_months": 1, "practice_days": 0, "compensation_total": Decimal("175000.50"),
        "version": 7, "registered_at": datetime(2026, 11, 1, 8, 30, 15, 123456, tzinfo=UTC),
        "updated_at": datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
        "registered_on": date(2026, 11, 1), "signatories": ["college", "enterprise", "trainee"],
        "signed_by": ["college"], "safety_briefing_on": None, **changes}


def organisation_row(bin_: str = "090440000012") -> dict:
    return {"bin": bin_, "kind": "college", "name": "Karaganda Poly", "region": "35",
            "size": None, "oked": None, "league": "core"}


def test_rows_of_every_column_type_come_back_as_they_went_in(store):
    contract = {"contract_id": "c-1", "number": "MSC-1", "college_bin": "090440000012",
                "enterprise_bin": "110740000027", "mentor_key": "m" * 32,
                "start_date": date(2026, 9, 1), "end_date": date(2027, 6, 30), "year": 2026,
                "ceiling": Decimal("1000000.00"),
                "acts": {"1": {"amount": "70000.00", "status": "approved"}},
                "payments": {"P1": {"amount": "50000.00", "reversed": False}},
                "approved_total": Decimal("70000.00"), "paid_total": Decimal("50000.00"),
                "reversed_total": Decimal("0.00"), "version": 3,
                "updated_at": datetime(2026, 10, 11, tzinfo=UTC)}
    with store.transaction() as transaction:
        transaction.upsert(AGREEMENTS, [agreement_row()])
        transaction.upsert(MENTOR_CONTRACTS, [contract])

    with store.transaction() as transaction:
        assert transaction.fetch(AGREEMENTS, ["a-1", "missing"]) == {"a-1": agreement_row()}
        assert transaction.fetch(MENTOR_CONTRACTS, ["c-1"]) == {"c-1": contract}


def test_an_upsert_replaces_the_row_with_the_same_key(store):
    with store.transaction() as transaction:
        transaction.upsert(AGREEMENTS, [agreement_row()])
    with store.transaction() as transaction:
        transaction.upsert(AGREEMENTS, [agreement_row(status="completed", closed_on=date(2027, 6, 30))])

    rows, total = store.select(AGREEMENTS, {}, [("number", False)], limit=10, offset=0)
    assert total == 1 and (rows[0]["status"], rows[0]["closed_on"]) == ("completed",
                                                                        date(2027, 6, 30))


def test_every_source_starts_at_position_zero_and_moves_with_its_rows(store):
    assert store.positions() == dict.fromkeys(SOURCES, 0)

    with store.transaction() as transaction:
        transaction.upsert(ORGANISATIONS, [organisation_row()])
        transaction.set_position("participants", 3)

    assert store.positions()["participants"] == 3


def test_a_failed_transaction_keeps_neither_its_rows_nor_its_position(store):
    with pytest.raises(RuntimeError), store.transaction() as transaction:
        transaction.upsert(ORGANISATIONS, [organisation_row()])
        transaction.set_position("participants", 3)
        raise RuntimeError("the process dies here")

    assert store.positions()["participants"] == 0
    assert store.select(ORGANISATIONS, {}, [("bin", False)], limit=10, offset=0) == ([], 0)


def test_a_second_writer_of_a_source_waits_for_the_first_and_reads_its_position(settings, store):
    second = open_store(settings)
    seen: list[int] = []
    asked = threading.Event()

    def other_runner() -> None:
        asked.set()
        with second.transaction() as transaction:
            seen.append(transaction.position("agreements"))

    try:
        with store.transaction() as transaction:
            transaction.position("agreements")
            thread = threading.Thread(target=other_runner)
            thread.start()
            asked.wait()
            thread.join(timeout=0.3)
            assert thread.is_alive(), "the second writer did not wait for the first"
            transaction.set_position("agreements", 42)
        thread.join()
    finally:
        second.close()
    assert seen == [42]


def test_the_store_is_an_eventsourcing_tracking_recorder(store):
    store.insert_tracking(Tracking("agreements", 5))

    assert store.max_tracking_id("agreements") == 5
    assert store.max_tracking_id("mentor_payments") is None
    assert store.has_tracking_id("agreements", 5) and not store.has_tracking_id("agreements", 6)
    store.wait("agreements", 5, timeout=0.1)
    with pytest.raises(IntegrityError):
        store.insert_tracking(Tracking("agreements", 5))


def test_scratch_tables_fill_beside_the_live_ones_and_replace_them_at_once(store):
    with store.transaction() as transaction:
        transaction.upsert(AGREEMENTS, [agreement_row("live")])
    for round_ in (1, 2):  # twice: the scratch names are free again after a swap
        scratch = store.scratch("rebuild")
        scratch.drop_tables()
        scratch.create_tables(with_indexes=False)
        with scratch.transaction() as transaction:
            transaction.upsert(AGREEMENTS, [agreement_row(f"rebuilt-{round_}")])
            transaction.set_position("agreements", 10 * round_)
        assert [r["agreement_id"] for r in store.select(
            AGREEMENTS, {}, [("number", False)], 10, 0)[0]] != [f"rebuilt-{round_}"]

        store.replace_with(scratch)
        scratch.close()

        rows, _ = store.select(AGREEMENTS, {}, [("number", False)], limit=10, offset=0)
        assert [row["agreement_id"] for row in rows] == [f"rebuilt-{round_}"]
        assert store.positions()["agreements"] == 10 * round_


def test_the_pseudonym_secret_is_made_once_per_database_and_shared_by_scratch_stores(
        settings, store):
    again = open_store(settings)
    try:
        assert store.secret() == again.secret() == store.scratch("verify").secret()
        assert len(store.secret()) == 32
    finally:
        again.close()


def test_the_tables_are_named_views_in_the_configured_place(settings, store):
    names = set(_tables(settings))

    assert {"views_agreements", "views_organisations", "views_mentor_contracts",
            "views_certificates", "views_tracking"} <= names


def _tables(settings) -> list[str]:
    if settings.backend == "sqlite":
        import sqlite3

        with sqlite3.connect(settings.data_dir / "views.sqlite") as connection:
            return [r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
    import psycopg

    from tests.conftest import POSTGRES_URL

    with psycopg.connect(POSTGRES_URL) as connection:
        return [r[0] for r in connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (settings.postgres["POSTGRES_SCHEMA"],))]

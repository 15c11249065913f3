"""The monitoring views: figures equal to those computed from the aggregates, exactly once,
with no personal data, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from eventsourcing.domain import CanMutateAggregate

from application.projections.schema import TABLES
from application.projections.views import HANDLERS
from domain.agreements.agreement import DualTrainingAgreement
from domain.mentor_payments.contract import MentorServiceContract
from domain.participants.aggregates import Organisation
from domain.work_experience.credit import WorkExperienceCredit
from tests.application.agreements.fixtures import COLLEGE_BIN, OTHER_COLLEGE_BIN
from tests.application.projections.world import (
    BACKENDS,
    PERSONAL_NAMES,
    Built,
    build_world,
    built_world,
    expected_dual_training,
    load_facts,
    shown,
)


@pytest.fixture(scope="module", params=BACKENDS)
def built(request, tmp_path_factory) -> Iterator[Built]:
    with built_world(request.param, tmp_path_factory.mktemp("views")) as world:
        yield world


def snapshot(projections) -> dict[str, list[dict]]:
    with projections.store.reader() as reader:
        return {table.name: list(reader.rows(table)) for table in TABLES}


def test_the_figures_equal_those_computed_from_the_aggregates(built):
    facts = load_facts(built.system)

    for group_by in ("region", "college", "enterprise", "specialty"):
        figures = built.projections.monitoring_dual_training(group_by)
        assert shown(figures) == expected_dual_training(facts, group_by), group_by


def test_the_figures_filtered_by_year_and_region_equal_those_computed(built):
    facts = load_facts(built.system)

    for year, region in ((2025, None), (2026, "35"), (2027, "71"), (None, "71")):
        figures = built.projections.monitoring_dual_training("college", year=str(year or ""),
                                                             region=region)
        assert shown(figures) == expected_dual_training(facts, "college", year=year,
                                                        region=region)


def test_the_world_has_every_figure_at_least_once(built):
    """Guards the oracle test against a world that checks nothing."""
    rows = shown(built.projections.monitoring_dual_training("region"))
    totals = {column: sum(row[column] or 0 for row in rows) for column in rows[0]
              if column not in ("group", "year", "trainees_per_mentor")}

    assert [column for column, total in totals.items() if not total] == []


def test_certificates_are_due_issued_and_overdue_thirty_days_after_closing(built):
    def figures(**when) -> dict:
        return {(f.region, f.college_bin): (f.due, f.issued, f.overdue)
                for f in built.projections.monitoring_certificates(**when)}

    now, later = figures(), figures(today=date(2026, 12, 11))
    regional = built.projections.monitoring_certificates(region="71")

    # 35: a terminated agreement with its certificate, one completed in June without.
    # 71: one completed with a (corrected) certificate, one completed on 10 November.
    assert now == {("35", COLLEGE_BIN): (2, 1, 1), ("71", OTHER_COLLEGE_BIN): (2, 1, 0)}
    assert later[("71", OTHER_COLLEGE_BIN)] == (2, 1, 1)
    assert [(f.region, f.due) for f in regional] == [("71", 2)]


def test_catching_up_again_changes_nothing(built):
    before = snapshot(built.projections)

    again = built.projections.catch_up()

    assert snapshot(built.projections) == before
    assert again == {s.source: s.head for s in built.projections.status()}
    assert all(status.lag == 0 for status in built.projections.status())


def test_no_view_holds_an_iin_or_a_name_of_a_person(built):
    world = built.world
    secrets = [*world.trainee_iins, *world.mentor_iins, *world.representative_iins,
               *PERSONAL_NAMES]

    for table, rows in snapshot(built.projections).items():
        assert rows, f"{table} is empty: the scan would prove nothing"
        text = json.dumps(rows, default=str)
        found = [secret for secret in secrets if secret in text]
        assert not found, f"{table} holds personal data: {found}"
    columns = {column for table in TABLES for column in table.column_names}
    assert not {c for c in columns if "iin" in c or c in ("full_name", "trainee_name")}


def test_two_runners_at_once_apply_every_notification_exactly_once(system, settings):
    build_world(system)
    applied: list[tuple[str, int, int]] = []
    lock = threading.Lock()

    def remember(source, notifications) -> None:
        with lock:
            applied.append((source, notifications[0].id, notifications[-1].id))

    runners = [system.open_projections(batch_size=3, before_commit=remember)
               for _ in range(2)]
    try:
        threads = [threading.Thread(target=runner.catch_up) for runner in runners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        for status in runners[0].status():
            batches = sorted((first, last) for source, first, last in applied
                             if source == status.source)
            ids = [n.id for n in _notifications(system, status.source)]
            covered = [i for first, last in batches for i in ids if first <= i <= last]
            assert covered == ids, f"{status.source}: a notification applied twice or never"
        assert shown(runners[1].monitoring_dual_training("college")) == \
            expected_dual_training(load_facts(system), "college")
        assert runners[0].verify() == []
    finally:
        for runner in runners:
            runner.close()


def _notifications(system, source: str) -> list:
    application = next(app for app in system.applications if app.name == source)
    return list(application.recorder.select_notifications(start=1, limit=1_000_000))


@pytest.mark.parametrize(("aggregate", "ignored"), [
    (DualTrainingAgreement, set()), (MentorServiceContract, set()), (Organisation, set()),
    (WorkExperienceCredit, {"Opened", "AgreementPracticeRecorded"}),
])
def test_every_event_of_a_projected_aggregate_has_a_handler(aggregate, ignored):
    """A new event on these aggregates must be given a handler (then: rebuild), not missed."""
    events = {name: obj.TOPIC for name, obj in vars(aggregate).items()
              if isinstance(obj, type) and issubclass(obj, CanMutateAggregate)
              and name not in ("Event", "Created")}  # base classes, never recorded

    assert events, aggregate
    assert {name for name, topic in events.items() if topic not in HANDLERS} == ignored

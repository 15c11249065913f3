"""The agreements list (filters, pages, sort, who sees what) and reading one's own writes."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from application.errors import PermissionDeniedError
from application.projections import format_position, parse_positions
from application.projections.access import (
    agreements_for,
    certificates_for,
    dual_training_for,
    monitoring_region,
)
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    OTHER_COLLEGE_BIN,
    draft_agreement,
)
from tests.application.projections.world import BACKENDS, Built, built_world


@pytest.fixture
def projections(system, settings) -> Iterator:
    opened = system.open_projections(batch_size=50)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="module", params=BACKENDS)
def built(request, tmp_path_factory) -> Iterator[Built]:
    """One recorded world for the tests that only read it."""
    with built_world(request.param, tmp_path_factory.mktemp("listing")) as world:
        yield world


def numbers(page) -> list[str]:
    return [item["number"] for item in page.items]


def test_the_list_filters_by_status_college_region_and_year(built):
    projections = built.projections
    everything = projections.list_agreements({}, per_page=100)
    drafts = projections.list_agreements({"status": "draft"}, per_page=100)
    other_college = projections.list_agreements({"college_bin": OTHER_COLLEGE_BIN})
    region_2025 = projections.list_agreements({"region": "35", "year": "2025"})

    assert everything.total == 14
    assert {item["status"] for item in drafts.items} == {"draft"} and drafts.total == 3
    assert {item["college_bin"] for item in other_college.items} == {OTHER_COLLEGE_BIN}
    assert other_college.total == 4
    assert [(i["region"], i["year"], i["status"]) for i in region_2025.items] == [
        ("35", 2025, "completed")]


def test_pages_split_a_sorted_list_without_overlap(built):
    projections = built.projections
    pages = [projections.list_agreements({}, page=n, per_page=5, sort="number")
             for n in (1, 2, 3)]

    listed = [number for page in pages for number in numbers(page)]
    assert listed == sorted(listed) and len(set(listed)) == 14
    assert [len(page.items) for page in pages] == [5, 5, 4]
    assert pages[0].pages == 3 and pages[0].total == 14
    descending = projections.list_agreements({}, per_page=100, sort="-number")
    assert numbers(descending) == sorted(listed, reverse=True)


def test_a_list_item_carries_the_monitoring_columns_and_no_trainee(built):
    projections = built.projections
    item = projections.list_agreements({"status": "active"}, sort="number").items[0]

    assert {"agreement_id", "number", "status", "college_bin", "enterprise_bin", "region",
            "specialty_code", "start_date", "end_date", "year", "current_mentor_key",
            "practice_months", "practice_days", "compensation_total", "version",
            "updated_at"} <= set(item)
    assert not {"trainee_key", "trainee_iin", "trainee_name"} & set(item)
    assert item["current_mentor_key"] and MENTOR_IIN not in item["current_mentor_key"]


@pytest.mark.parametrize(("filters", "field"), [
    ({"status": "lost"}, "status"), ({"college_bin": "123"}, "college_bin"),
    ({"region": "99"}, "region"), ({"year": "twenty"}, "year"),
    ({"trainee_iin": "x"}, "trainee_iin"),
])
def test_a_bad_filter_is_refused_naming_the_field(built, filters, field):
    with pytest.raises(InvalidValueError) as refused:
        built.projections.list_agreements(filters)
    assert refused.value.field == field


@pytest.mark.parametrize(("page", "per_page", "sort", "field"), [
    ("0", 20, None, "page"), (1, "500", None, "per_page"), (1, 20, "trainee_key", "sort"),
    (1, 20, "number; drop table", "sort"),
])
def test_bad_paging_or_sorting_is_refused_naming_the_field(built, page, per_page, sort, field):
    with pytest.raises(InvalidValueError) as refused:
        built.projections.list_agreements({}, page=page, per_page=per_page, sort=sort)
    assert refused.value.field == field


def scoped(projections, principal: Principal, **filters):
    return agreements_for(projections, principal, filters, per_page=100)


def test_each_party_lists_only_its_own_agreements(built):
    projections, world = built.projections, built.world
    college = scoped(projections, Principal(Role.COLLEGE, COLLEGE_BIN))
    enterprise = scoped(projections, Principal(Role.ENTERPRISE, ENTERPRISE_BIN))
    trainee = scoped(projections, Principal(Role.TRAINEE, world.trainee_iins[3]))
    mentor = scoped(projections, Principal(Role.MENTOR, MENTOR_IIN))
    monitor = scoped(projections, Principal(Role.MONITOR, "71"))

    assert {i["college_bin"] for i in college.items} == {COLLEGE_BIN} and college.total == 10
    assert {i["enterprise_bin"] for i in enterprise.items} == {ENTERPRISE_BIN}
    assert trainee.total == 1 and trainee.items[0]["status"] == "active"
    assert mentor.total == 5  # current mentor of these; the replaced one is not listed
    assert {i["region"] for i in monitor.items} == {"71"} and monitor.total == 4
    assert scoped(projections, Principal(Role.COLLEGE, COLLEGE_BIN),
                  college_bin=OTHER_COLLEGE_BIN).total == 0
    assert scoped(projections, Principal(Role.COLLEGE)).total == 0  # a token without its BIN
    assert scoped(projections, Principal(Role.MONITOR)).total == 14  # national
    with pytest.raises(PermissionDeniedError):
        scoped(projections, Principal(Role.ADMIN))


def test_a_regional_monitor_gets_the_figures_of_its_region_only(built):
    monitor = Principal(Role.MONITOR, "71")

    figures = dual_training_for(built.projections, monitor, "college")
    certificates = certificates_for(built.projections, monitor)

    assert {f.group for f in figures} == {OTHER_COLLEGE_BIN}
    assert {f.region for f in certificates} == {"71"}
    with pytest.raises(PermissionDeniedError):
        dual_training_for(built.projections, monitor, "region", region="35")


def test_monitoring_is_for_monitors_and_auditors_and_a_region_sees_its_own():
    assert monitoring_region(Principal(Role.MONITOR, "35"), None) == "35"
    assert monitoring_region(Principal(Role.MONITOR), "71") == "71"
    assert monitoring_region(Principal(Role.AUDITOR), None) is None
    with pytest.raises(PermissionDeniedError):
        monitoring_region(Principal(Role.MONITOR, "35"), "71")
    for outsider in (Principal(Role.COLLEGE, COLLEGE_BIN), Principal(Role.ADMIN)):
        with pytest.raises(PermissionDeniedError):
            monitoring_region(outsider, None)


def test_a_client_waits_for_its_own_write_and_then_reads_it(system, projections):
    projections.assist_reads = True  # as on SQLite: no worker, the reader applies the batch
    projections.catch_up()
    draft_agreement(system, number="RYW-1")
    position = parse_positions(format_position(
        "agreements", system.agreements.recorder.max_notification_id()))

    caught_up = projections.wait_for(position, timeout=5)

    assert caught_up
    assert numbers(projections.list_agreements({}, sort="number")) == ["RYW-1"]


def test_with_a_worker_running_a_reader_only_waits_for_it(system, projections):
    projections.assist_reads = False  # as with PostgreSQL: a worker applies, readers wait
    stop = projections.start_background()
    try:
        draft_agreement(system, number="RYW-2")
        position = {"agreements": system.agreements.recorder.max_notification_id()}
        assert projections.wait_for(position, timeout=10)
    finally:
        stop()
    assert numbers(projections.list_agreements({})) == ["RYW-2"]


def test_waiting_for_a_position_never_written_gives_up_after_the_timeout(projections):
    started = time.monotonic()

    assert not projections.wait_for({"agreements": 10_000}, timeout=0.3)
    assert 0.3 <= time.monotonic() - started < 2


def test_positions_are_named_by_application_and_a_bare_number_needs_a_default():
    assert parse_positions("agreements:12, mentor_payments:7,agreements:3") == {
        "agreements": 12, "mentor_payments": 7}
    assert parse_positions("12", default_source="agreements") == {"agreements": 12}
    assert parse_positions(None) == {}
    for bad in ("12", "ledger:3", "agreements:x"):
        with pytest.raises(InvalidValueError) as refused:
            parse_positions(bad)
        assert refused.value.field == "min_position"

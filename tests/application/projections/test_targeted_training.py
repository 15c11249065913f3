"""The targeted orders view and its monitoring figures, on SQLite and PostgreSQL: counts
that follow the orders' events, overdue graduates, no personal data, rebuild and verify."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from eventsourcing.domain import CanMutateAggregate

from application.errors import PermissionDeniedError
from application.projections.access import targeted_training_for
from application.projections.schema import TARGETED_ORDERS
from application.projections.targeted_listing import targeted_orders_for
from application.projections.views import HANDLERS
from application.security import Principal
from application.targeted_training import commands as t
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.targeted_training.order import TargetedTrainingOrder
from domain.targeted_training.records import WithdrawalReason
from tests.application.agreements.fixtures import AUDITOR, COLLEGE_BIN, OTHER_COLLEGE_BIN
from tests.application.projections.test_figures import snapshot
from tests.application.targeted_training.helpers import (
    COLLEGE,
    ENTERPRISE,
    LARGE_BIN,
    OTHER_LARGE_BIN,
    accepted,
    enrol,
    graduate,
    submit,
)

NATIONAL = Principal(Role.MONITOR)


@pytest.fixture
def projections(system) -> Iterator:
    opened = system.open_projections(batch_size=7)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def orders(system):
    """One accepted order of 4 places with every kind of student, one submitted, one
    rejected (of another enterprise); business today is 2026-11-23."""
    app = system.targeted_training
    order = accepted(system, places=4, months=12)
    left = enrol(system, order, 1)
    app.withdraw(COLLEGE, t.WithdrawStudent(order.id, left, date(2025, 1, 10),
                                            WithdrawalReason.TRANSFERRED))
    enrol(system, order, 2)  # in training
    employed = graduate(system, order, 3, on=date(2026, 1, 31))
    app.record_employment(ENTERPRISE, t.RecordEmployment(order.id, employed, date(2026, 2, 1),
                                                         "Welder"))
    app.end_employment(ENTERPRISE, t.EndEmployment(order.id, employed, date(2026, 6, 30),
                                                   "resigned"))
    graduate(system, order, 4, on=date(2026, 5, 1))  # overdue: nothing by 2026-11-01
    released = graduate(system, order, 5, on=date(2026, 5, 1))
    app.record_release(ENTERPRISE, t.RecordRelease(order.id, released, date(2026, 6, 1),
                                                   "military service"))
    submit(system, number="TO-2")
    other = submit(system, number="TO-3", enterprise_bin=OTHER_LARGE_BIN)
    app.reject(COLLEGE, t.RejectOrder(other.id, "no places"))
    return order


def test_the_figures_count_orders_places_and_every_kind_of_student(projections, orders):
    projections.catch_up()
    rows = targeted_training_for(projections, AUDITOR, "region")
    assert [row.as_dict() for row in rows] == [{
        "group": "35", "label": "Karaganda", "year": 2024, "orders_submitted": 1,
        "orders_accepted": 1, "orders_rejected": 1, "places": 4, "enrolled": 1,
        "withdrawn": 1, "graduated": 3, "employed": 1, "released": 1, "early_ends": 1,
        "overdue": 1}]


def test_a_graduate_is_overdue_from_6_months_after_graduating(projections, orders):
    projections.catch_up()
    on_the_day = projections.monitoring_targeted_training("college", today=date(2026, 11, 1))
    day_before = projections.monitoring_targeted_training("college", today=date(2026, 10, 31))
    assert [row.overdue for row in on_the_day] == [1]
    assert [row.overdue for row in day_before] == [0]


def test_grouped_by_enterprise_and_filtered_by_year(projections, orders):
    projections.catch_up()
    rows = projections.monitoring_targeted_training("enterprise", year=2024)
    assert sorted((r.group, r.orders_accepted, r.orders_rejected) for r in rows) == \
        sorted([(LARGE_BIN, 1, 0), (OTHER_LARGE_BIN, 0, 1)])
    assert projections.monitoring_targeted_training("specialty", year=2025) == []


def test_a_regional_monitor_sees_its_region_only(projections, orders):
    projections.catch_up()
    with pytest.raises(PermissionDeniedError):
        targeted_training_for(projections, Principal(Role.MONITOR, "35"), "region",
                              region="71")
    with pytest.raises(PermissionDeniedError):
        targeted_training_for(projections, COLLEGE, "region")
    assert targeted_training_for(projections, Principal(Role.MONITOR, "71"), "region") == []


def test_the_view_holds_no_iin_or_name(projections, orders):
    projections.catch_up()
    text = json.dumps(snapshot(projections)[TARGETED_ORDERS.name], default=str)
    for enrolment in orders.enrolments:
        assert enrolment.trainee_iin.value not in text
    assert "Seitkali" not in text


def test_the_list_shows_each_party_its_own_orders_a_page_at_a_time(projections, orders):
    projections.catch_up()
    first = targeted_orders_for(projections, AUDITOR, {}, limit=2)
    rest = targeted_orders_for(projections, AUDITOR, {}, limit=2, cursor=first.next_cursor)
    assert len(first.items) == 2 and len(rest.items) == 1 and rest.next_cursor is None
    mine = targeted_orders_for(projections, Principal(Role.ENTERPRISE, OTHER_LARGE_BIN), {})
    assert [item["number"] for item in mine.items] == ["TO-3"]
    accepted_only = targeted_orders_for(projections, COLLEGE, {"status": "accepted"})
    assert [item["enrolled"] for item in accepted_only.items] == [1]
    theirs = targeted_orders_for(projections, COLLEGE, {"college_bin": OTHER_COLLEGE_BIN})
    assert theirs.items == []
    assert targeted_orders_for(projections, COLLEGE, {"college_bin": COLLEGE_BIN}).items
    with pytest.raises(InvalidValueError):
        targeted_orders_for(projections, AUDITOR, {}, cursor="not-a-cursor")
    with pytest.raises(PermissionDeniedError):
        targeted_orders_for(projections, NATIONAL, {})


def test_a_rebuild_equals_the_live_view_and_verify_finds_nothing(projections, orders):
    projections.catch_up()
    live = snapshot(projections)[TARGETED_ORDERS.name]
    assert live
    projections.rebuild()
    assert snapshot(projections)[TARGETED_ORDERS.name] == live
    assert projections.verify() == []


def test_every_event_of_a_targeted_order_has_a_handler():
    events = {name: obj.TOPIC for name, obj in vars(TargetedTrainingOrder).items()
              if isinstance(obj, type) and issubclass(obj, CanMutateAggregate)
              and name not in ("Event", "Created")}
    assert len(events) == 9
    assert {name for name, topic in events.items() if topic not in HANDLERS} == set()

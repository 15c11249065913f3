"""The deadlines of the other programmes (SQLite and PostgreSQL): a reimbursement claim
awaiting a decision over 15 days, a targeted-training graduate with neither employment nor
release 6 months after graduation. Each on the day before its due day, the day of it and
the day after; each gone once the duty is done.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from application.projections.deadlines import Item
from application.projections.schema import REIMBURSEMENT_CLAIMS
from application.reimbursement import commands as r
from application.security import Principal
from application.targeted_training import commands as t
from domain.shared.audit import Role
from tests.application.agreements.fixtures import COLLEGE_BIN, OTHER_COLLEGE_BIN, REGION
from tests.application.reimbursement.fixtures import (
    TODAY as CLAIMED_ON,
)
from tests.application.reimbursement.fixtures import (
    claim,
    college_of,
    june_agreement,
    pin,
    set_budget,
    set_norm,
)
from tests.application.targeted_training import helpers as targeted

DAY = timedelta(days=1)
CLAIM_KIND, GRADUATE_KIND = "claim_awaiting_decision", "graduate_unplaced"
GRADUATED_ON = date(2026, 6, 30)  # six months later: 2026-12-30


@pytest.fixture
def views(system) -> Iterator:
    projections = system.open_projections()
    try:
        yield projections
    finally:
        projections.close()


def work(views, principal: Principal, on: date, kind: str) -> list[Item]:
    views.catch_up()
    return [item for item in views.worklist(principal, today=on) if item.kind == kind]


def claimed(system):  # type: ignore[no-untyped-def]
    pin(system)
    set_norm(system, "60000")
    agreement = june_agreement(system)
    set_budget(system, agreement.college_bin, "1000000")
    return agreement, claim(system, agreement, "40000")


def test_a_claim_awaits_a_decision_15_days_from_its_submission(views, system):
    agreement, submitted = claimed(system)
    college, enterprise = college_of(agreement), Principal(Role.ENTERPRISE,
                                                            agreement.enterprise_bin.value)
    views.catch_up()
    rows, _ = views.store.select(REIMBURSEMENT_CLAIMS, {"claim_id": str(submitted.id)},
                                 [("claim_id", False)], 1, 0)
    assert rows[0]["submitted_on"] == CLAIMED_ON

    assert work(views, college, CLAIMED_ON - DAY, CLAIM_KIND) == []
    due = CLAIMED_ON + 15 * DAY
    for day in (CLAIMED_ON, due - DAY, due):
        [item] = work(views, college, day, CLAIM_KIND)
        assert (item.due_on, item.overdue, item.subject_type, item.subject_id) == \
            (due, False, "reimbursement_claim", str(submitted.id))
    [item] = work(views, college, due + DAY, CLAIM_KIND)
    assert item.overdue
    assert item.detail == "claim for 2027-06 (40000.00 KZT payable) awaits a decision " \
                          "since 2027-07-15"
    [waiting] = work(views, enterprise, due + DAY, CLAIM_KIND)  # it sees its claim waiting
    assert waiting.subject_id == str(submitted.id)
    assert work(views, Principal(Role.COLLEGE, OTHER_COLLEGE_BIN), due + DAY, CLAIM_KIND) == []

    system.reimbursement.approve_claim(college, r.ApproveClaim(submitted.id))
    assert work(views, college, due + DAY, CLAIM_KIND) == []
    assert work(views, enterprise, due + DAY, CLAIM_KIND) == []


def test_a_rejected_claim_is_no_longer_waiting(views, system):
    agreement, submitted = claimed(system)
    college = college_of(agreement)
    assert len(work(views, college, CLAIMED_ON + 16 * DAY, CLAIM_KIND)) == 1
    system.reimbursement.reject_claim(college, r.RejectClaim(submitted.id, "no invoices"))
    assert work(views, college, CLAIMED_ON + 16 * DAY, CLAIM_KIND) == []


def test_a_graduate_is_due_a_placement_6_months_after_graduation(views, system):
    order = targeted.accepted(system)
    iin = targeted.graduate(system, order, 1, on=GRADUATED_ON)
    college, enterprise = targeted.COLLEGE, targeted.ENTERPRISE
    due = date(2026, 12, 29)  # overdue from 2026-12-30, six months after

    assert work(views, enterprise, GRADUATED_ON - DAY, GRADUATE_KIND) == []
    for day in (GRADUATED_ON, due - DAY, due):
        [item] = work(views, enterprise, day, GRADUATE_KIND)
        assert (item.due_on, item.overdue, item.subject_type, item.subject_id) == \
            (due, False, "targeted_order", str(order.id))
    [item] = work(views, enterprise, due + DAY, GRADUATE_KIND)
    assert item.overdue
    assert item.detail == "graduate 1 of order TO-1, graduated on 2026-06-30, has neither " \
                          "employment nor release"
    assert str(iin) not in item.detail
    assert [i.overdue for i in work(views, college, due + DAY, GRADUATE_KIND)] == [True]
    assert work(views, Principal(Role.COLLEGE, OTHER_COLLEGE_BIN), due + DAY,
                GRADUATE_KIND) == []

    system.targeted_training.record_employment(enterprise, t.RecordEmployment(
        order.id, iin, date(2026, 7, 1), "Welder"))
    assert work(views, enterprise, due + DAY, GRADUATE_KIND) == []
    assert work(views, college, due + DAY, GRADUATE_KIND) == []


def test_a_released_graduate_is_done_and_students_in_training_are_not_due(views, system):
    order = targeted.accepted(system)
    released = targeted.graduate(system, order, 1, on=GRADUATED_ON)
    targeted.graduate(system, order, 2, on=date(2026, 7, 10))
    targeted.enrol(system, order, 3)  # still in training: nothing due
    late = date(2027, 3, 1)
    assert [i.order for i in work(views, targeted.ENTERPRISE, late, GRADUATE_KIND)] == [1, 2]

    system.targeted_training.record_release(targeted.ENTERPRISE, t.RecordRelease(
        order.id, released, date(2026, 8, 1), "no vacancy in the welding shop"))
    [left] = work(views, targeted.ENTERPRISE, late, GRADUATE_KIND)
    assert (left.order, left.due_on) == (2, date(2027, 1, 9))


def test_the_programme_thresholds_are_settings(views, system):
    from infrastructure.settings import Settings
    from infrastructure.views import deadline_thresholds

    views.thresholds = deadline_thresholds(Settings.from_env({
        "DUALTRACK_DEADLINE_CLAIM_DECISION_DAYS": "5",
        "DUALTRACK_DEADLINE_GRADUATE_MONTHS": "3"}))
    agreement, _ = claimed(system)
    [item] = work(views, college_of(agreement), CLAIMED_ON + 6 * DAY, CLAIM_KIND)
    assert (item.due_on, item.overdue) == (CLAIMED_ON + 5 * DAY, True)
    order = targeted.accepted(system)
    targeted.graduate(system, order, 1, on=GRADUATED_ON)
    [item] = work(views, targeted.ENTERPRISE, date(2026, 9, 30), GRADUATE_KIND)
    assert (item.due_on, item.overdue) == (date(2026, 9, 29), True)


def test_monitoring_counts_the_programmes_overdue_items(views, system):
    agreement, _ = claimed(system)
    order = targeted.accepted(system)
    targeted.graduate(system, order, 1, on=GRADUATED_ON)
    views.catch_up()

    [region] = views.monitoring_deadlines("region", today=date(2027, 8, 1))
    assert (region.group, region.overdue[CLAIM_KIND], region.overdue[GRADUATE_KIND]) == \
        (REGION, 1, 1)
    [college] = views.monitoring_deadlines("college", region=REGION, today=date(2027, 8, 1))
    assert college.group == COLLEGE_BIN == agreement.college_bin.value
    assert views.monitoring_deadlines("region", region="71", today=date(2027, 8, 1)) == []
    [early] = views.monitoring_deadlines("region", today=CLAIMED_ON)  # the claim not yet
    assert (early.overdue[CLAIM_KIND], early.overdue[GRADUATE_KIND], early.total) == (0, 1, 1)

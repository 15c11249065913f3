"""Deadlines, as of a business day: each kind appears on its first day, is due on its
due day, overdue from the next, and is gone once the duty is done (SQLite and PostgreSQL).

The day a draft or an act was recorded is read back from the views (the day of its
event), never from the clock: every other day is ``as_of``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest

from application.agreements import commands as c
from application.errors import PermissionDeniedError
from application.mentor_payments.commands import RecordPayment
from application.projections.deadlines import Item
from application.projections.schema import AGREEMENTS, MENTOR_CONTRACTS
from application.security import Principal
from application.work_experience.commands import IssueCertificate
from domain.agreements.records import Party, TerminationReason
from domain.shared.audit import Role
from domain.shared.identifiers import IIN
from domain.shared.money import Money
from tests.application.agreements.fixtures import (
    AUDITOR,
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    REGION,
    active_agreement,
    draft_agreement,
    principals,
    register_mentor,
)
from tests.application.mentor_payments.test_acts import approve, submit_act
from tests.application.mentor_payments.test_contracts import COLLEGE, MENTOR, conclude

DAY = timedelta(days=1)
ENTERPRISE = Principal(Role.ENTERPRISE, ENTERPRISE_BIN)


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


def row(views, table, key: str) -> dict:
    views.catch_up()
    rows, _ = views.store.select(table, {table.key: key}, [(table.key, False)], 1, 0)
    return rows[0]


def test_an_unsigned_draft_is_due_14_days_after_registration_and_overdue_after(views, system):
    draft = draft_agreement(system)
    registered = row(views, AGREEMENTS, str(draft.id))["registered_on"]
    college = principals(draft).college

    assert work(views, college, registered - DAY, "draft_unsigned") == []
    for day in (registered, registered + 14 * DAY):
        [item] = work(views, college, day, "draft_unsigned")
        assert (item.due_on, item.overdue, item.subject_type, item.subject_id) == \
            (registered + 14 * DAY, False, "agreement", str(draft.id))
    [item] = work(views, college, registered + 15 * DAY, "draft_unsigned")
    assert item.overdue
    assert "college, enterprise, trainee" in item.detail

    system.agreements.sign(college, c.Sign(draft.id, Party.COLLEGE))
    system.agreements.sign(ENTERPRISE, c.Sign(draft.id, Party.ENTERPRISE))
    [item] = work(views, college, registered + 15 * DAY, "draft_unsigned")
    assert item.detail.endswith("not yet signed by trainee")
    system.agreements.sign(principals(draft).trainee, c.Sign(draft.id, Party.TRAINEE))
    assert work(views, college, registered + 15 * DAY, "draft_unsigned") == []


def test_a_draft_is_on_the_worklist_of_each_party_whose_signature_it_waits_for(views, system):
    draft = draft_agreement(system)
    who = principals(draft)
    day = row(views, AGREEMENTS, str(draft.id))["registered_on"]
    system.agreements.sign(ENTERPRISE, c.Sign(draft.id, Party.ENTERPRISE))

    assert [i.subject_id for i in work(views, who.trainee, day, "draft_unsigned")] == \
        [str(draft.id)]
    assert work(views, who.enterprise, day, "draft_unsigned") == []  # it has signed
    assert work(views, Principal(Role.TRAINEE, "060314600552"), day, "draft_unsigned") == []
    assert work(views, Principal(Role.COLLEGE, "210940001013"), day, "draft_unsigned") == []


def test_changed_terms_put_a_signed_party_back_on_the_worklist(views, system):
    from domain.agreements.terms import TermsChange

    draft = draft_agreement(system)
    day = row(views, AGREEMENTS, str(draft.id))["registered_on"]
    system.agreements.sign(ENTERPRISE, c.Sign(draft.id, Party.ENTERPRISE))
    assert work(views, ENTERPRISE, day, "draft_unsigned") == []
    system.agreements.change_terms(principals(draft).college, c.ChangeTerms(
        draft.id, TermsChange(workplace="Welding shop No. 3")))
    assert len(work(views, ENTERPRISE, day, "draft_unsigned")) == 1


def test_a_practice_start_without_a_mentor_or_briefing_appears_14_days_before_it(views, system):
    start = date(2026, 12, 10)
    agreement = active_agreement(system, start=start, mentor_iin=None, briefing=False)
    college, enterprise, trainee = (principals(agreement).college,
                                    principals(agreement).enterprise,
                                    principals(agreement).trainee)
    kind = "practice_start_unprepared"

    assert work(views, enterprise, start - 15 * DAY, kind) == []
    for day in (start - 14 * DAY, start):
        [item] = work(views, enterprise, day, kind)
        assert (item.due_on, item.overdue) == (start, False)
        assert item.detail.endswith("without a mentor and a safety briefing")
    [item] = work(views, college, start + DAY, kind)
    assert item.overdue
    assert work(views, trainee, start + DAY, kind) == []

    register_mentor(system)
    system.agreements.assign_mentor(enterprise, c.AssignMentor(
        agreement.id, IIN.parse(MENTOR_IIN), start))
    [item] = work(views, enterprise, start + DAY, kind)
    assert item.detail.endswith("without a safety briefing")
    system.agreements.record_safety_briefing(enterprise, c.RecordSafetyBriefing(
        agreement.id, date(2026, 11, 20), "Labour protection engineer"))
    assert work(views, enterprise, start + DAY, kind) == []


def test_an_act_awaits_approval_10_days_then_its_unpaid_amount_30_days(views, system):
    contract = conclude(system)
    submit_act(system, contract, hours="10")  # 25 000.00
    submitted = date.fromisoformat(
        row(views, MENTOR_CONTRACTS, str(contract.id))["acts"]["1"]["submitted_on"])

    assert work(views, COLLEGE, submitted - DAY, "act_awaiting_approval") == []
    for day in (submitted, submitted + 10 * DAY):
        [item] = work(views, COLLEGE, day, "act_awaiting_approval")
        assert (item.due_on, item.overdue, item.subject_type, item.subject_id) == \
            (submitted + 10 * DAY, False, "mentor_contract", str(contract.id))
    [item] = work(views, MENTOR, submitted + 11 * DAY, "act_awaiting_approval")
    assert item.overdue
    assert work(views, ENTERPRISE, submitted + 11 * DAY, "act_awaiting_approval") == []

    approve(system, contract, 1)
    approved = date.fromisoformat(
        row(views, MENTOR_CONTRACTS, str(contract.id))["acts"]["1"]["decided_on"])
    assert work(views, COLLEGE, approved + 11 * DAY, "act_awaiting_approval") == []
    assert work(views, COLLEGE, approved - DAY, "act_unpaid") == []
    for day in (approved, approved + 30 * DAY):
        [item] = work(views, COLLEGE, day, "act_unpaid")
        assert (item.due_on, item.overdue) == (approved + 30 * DAY, False)
    [item] = work(views, MENTOR, approved + 31 * DAY, "act_unpaid")
    assert item.overdue
    assert "25000.00 KZT unpaid" in item.detail

    system.payments.record_payment(COLLEGE, RecordPayment(
        contract.id, Money.of("10000.00"), "KZ-PP-1", date(2026, 11, 20)))
    [item] = work(views, COLLEGE, approved + 31 * DAY, "act_unpaid")
    assert "15000.00 KZT unpaid" in item.detail
    system.payments.record_payment(COLLEGE, RecordPayment(
        contract.id, Money.of("15000.00"), "KZ-PP-2", date(2026, 11, 20)))
    assert work(views, COLLEGE, approved + 31 * DAY, "act_unpaid") == []


def test_payments_settle_approved_acts_in_the_order_they_were_approved(views, system):
    contract = conclude(system)
    submit_act(system, contract, hours="10")
    submit_act(system, contract, hours="4")  # 10 000.00
    approve(system, contract, 2)
    approve(system, contract, 1)
    system.payments.record_payment(COLLEGE, RecordPayment(
        contract.id, Money.of("10000.00"), "KZ-PP-1", date(2026, 11, 20)))
    acts = row(views, MENTOR_CONTRACTS, str(contract.id))["acts"]

    [item] = work(views, COLLEGE, date.fromisoformat(acts["1"]["decided_on"]), "act_unpaid")
    assert item.detail.startswith("act 1 ")
    assert Decimal("25000.00") == Decimal(item.detail.split(" has ")[1].split()[0])


def test_a_certificate_is_due_30_days_after_termination_and_gone_once_issued(views, system):
    agreement = active_agreement(system)
    closed = date(2026, 10, 20)
    system.agreements.terminate(principals(agreement).college, c.Terminate(
        agreement.id, TerminationReason.TRAINEE_REQUEST, closed, "moved to another city"))
    kind = "certificate_unissued"

    assert work(views, COLLEGE, closed - DAY, kind) == []
    for day in (closed, closed + 30 * DAY):
        [item] = work(views, COLLEGE, day, kind)
        assert (item.due_on, item.overdue) == (closed + 30 * DAY, False)
    [item] = work(views, COLLEGE, closed + 31 * DAY, kind)
    assert item.overdue
    assert work(views, principals(agreement).enterprise, closed + 31 * DAY, kind) == []

    system.work_experience.issue_certificate(COLLEGE, IssueCertificate(agreement.id))
    assert work(views, COLLEGE, closed + 31 * DAY, kind) == []


def test_the_worklist_is_ordered_by_due_day_kind_and_subject(views, system):
    first, second = draft_agreement(system), draft_agreement(system)
    closed = active_agreement(system)
    system.agreements.terminate(COLLEGE, c.Terminate(
        closed.id, TerminationReason.TRAINEE_REQUEST, date(2026, 10, 20), "moved away"))
    day = row(views, AGREEMENTS, str(first.id))["registered_on"]

    items = views.worklist(COLLEGE, today=day)
    assert [(i.due_on, i.kind, i.subject_id) for i in items] == sorted(
        (i.due_on, i.kind, i.subject_id) for i in items)
    assert {str(first.id), str(second.id), str(closed.id)} <= {i.subject_id for i in items}
    assert items[0].kind == "certificate_unissued"  # due 2026-11-19, before the drafts


@pytest.mark.parametrize("role,subject", [(Role.MONITOR, REGION), (Role.AUDITOR, None),
                                          (Role.ADMIN, None)])
def test_only_the_parties_have_a_worklist(views, role, subject):
    with pytest.raises(PermissionDeniedError):
        views.worklist(Principal(role, subject), today=date(2026, 11, 23))


def test_monitoring_counts_overdue_items_by_kind_per_region_and_college(views, system):
    draft = draft_agreement(system)
    registered = row(views, AGREEMENTS, str(draft.id))["registered_on"]
    active_agreement(system, start=registered + 10 * DAY, mentor_iin=None)
    views.catch_up()

    late = registered + 15 * DAY
    [region] = views.monitoring_deadlines("region", today=late)
    assert (region.group, region.overdue["draft_unsigned"],
            region.overdue["practice_start_unprepared"], region.total) == (REGION, 1, 1, 2)
    [college] = views.monitoring_deadlines("college", region=REGION, today=late)
    assert (college.group, college.label, college.total) == (COLLEGE_BIN, "Karaganda Poly", 2)
    assert views.monitoring_deadlines("region", region="71", today=late) == []
    assert views.monitoring_deadlines("region", today=registered) == []  # none overdue yet
    shown = str([f.as_dict() for f in views.monitoring_deadlines("college", today=late)])
    assert "Dana" not in shown and principals(draft).trainee.subject not in shown


def test_a_regional_monitor_counts_its_own_region_only(views, system):
    from application.projections.access import deadlines_for

    monitor = Principal(Role.MONITOR, REGION)
    assert deadlines_for(views, monitor, "region", today=date(2026, 11, 23)) == []
    with pytest.raises(PermissionDeniedError):
        deadlines_for(views, monitor, "region", region="71")
    with pytest.raises(PermissionDeniedError):
        deadlines_for(views, COLLEGE, "region")
    assert deadlines_for(views, AUDITOR, "college", region="71") == []


def test_the_thresholds_are_settings(views, system):
    from application.projections.deadlines import Thresholds
    from infrastructure.settings import Settings
    from infrastructure.views import deadline_thresholds

    settings = Settings.from_env({"DUALTRACK_DEADLINE_DRAFT_DAYS": "3",
                                  "DUALTRACK_DEADLINE_CERTIFICATE_DAYS": "45"})
    assert deadline_thresholds(settings) == Thresholds(draft_signature_days=3,
                                                       certificate_days=45)
    assert views.thresholds == deadline_thresholds(system.settings) == Thresholds()

    views.thresholds = deadline_thresholds(settings)
    draft = draft_agreement(system)
    registered = row(views, AGREEMENTS, str(draft.id))["registered_on"]
    [item] = work(views, COLLEGE, registered + 4 * DAY, "draft_unsigned")
    assert (item.due_on, item.overdue) == (registered + 3 * DAY, True)

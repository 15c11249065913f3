"""Reading agreements: versions, moments, full histories, snapshots and input errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from application.agreements import commands as c
from application.errors import NotFoundError
from application.security import Principal
from domain.agreements.agreement import AgreementStatus, DualTrainingAgreement
from domain.agreements.records import Party, TerminationReason
from domain.agreements.terms import TermsChange
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN
from domain.shared.money import Money
from infrastructure.bootstrap import bootstrap
from infrastructure.settings import Settings
from tests.application.agreements import fixtures as agreement_fixtures
from tests.application.agreements.fixtures import (
    AUDITOR,
    COLLEGE_BIN,
    MENTOR_IIN,
    active_agreement,
    draft_agreement,
    principals,
)
from tests.conftest import TODAY

world = agreement_fixtures.world


def test_the_state_at_any_version_and_any_moment(world):
    agreement = draft_agreement(world)
    between = datetime.now(UTC)
    active = agreement_fixtures.sign_all(world, agreement)
    assert world.agreements.get(AUDITOR, agreement.id, version=1).status is AgreementStatus.DRAFT
    assert world.agreements.get(AUDITOR, agreement.id, version=active.version).status is \
        AgreementStatus.ACTIVE
    assert world.agreements.get(AUDITOR, agreement.id, as_of=between).version == 1
    assert world.agreements.get(AUDITOR, agreement.id, as_of=between.isoformat()).version == 1
    with pytest.raises(NotFoundError):
        world.agreements.get(AUDITOR, agreement.id, version=active.version + 1)
    with pytest.raises(NotFoundError):
        world.agreements.get(AUDITOR, agreement.id, as_of=between - timedelta(days=1))


def test_the_history_records_who_did_what_with_the_correlation_id(world):
    agreement = draft_agreement(world)
    college = Principal(Role.COLLEGE, COLLEGE_BIN, correlation_id="req-42")
    world.agreements.sign(college, c.Sign(agreement.id, Party.COLLEGE))
    signed = world.agreements.history(AUDITOR, agreement.id)[-1]
    assert (type(signed).__name__, signed.actor_role, signed.actor_id, signed.correlation_id) == \
        ("Signed", "college", COLLEGE_BIN, "req-42")
    assert DualTrainingAgreement.Signed.TOPIC == "dualtrack:agreements.DualTrainingAgreement.Signed"


def test_a_snapshot_restores_every_recorded_fact(world):
    agreement = active_agreement(world, start=date(2026, 1, 12), end=date(2026, 12, 25))
    who = principals(agreement)
    app = world.agreements
    app.record_practice_period(who.enterprise, c.RecordPracticePeriod(agreement.id, DatePeriod(date(2026, 2, 1), date(2026, 3, 31)), "Assistant", "Welding"))
    app.record_compensation(who.enterprise, c.RecordCompensation(agreement.id, Month.parse("2026-02"), Money.positive("40000"), "PAY-1"))
    app.propose_amendment(who.college, c.ProposeAmendment(agreement.id, TermsChange(workplace="Shop 3"), "Moved"))
    app.suspend(who.college, c.Suspend(agreement.id, date(2026, 4, 1), "Illness", date(2026, 4, 20)))
    app.resume(who.college, c.Resume(agreement.id, date(2026, 4, 15)))
    app.terminate(who.college, c.Terminate(agreement.id, TerminationReason.EXPULSION, date(2026, 10, 31), "Order 7"))
    before = app.get(AUDITOR, agreement.id)
    app.take_snapshot(agreement.id)
    after = app.get(AUDITOR, agreement.id)
    assert vars(after) == vars(before)


def test_snapshots_are_taken_every_50_events(world):
    agreement = active_agreement(world, start=date(2022, 1, 1), end=date(2026, 6, 30))
    enterprise = principals(agreement).enterprise
    month = Month(2022, 1)
    while world.agreements.agreement_unchecked(agreement.id).version < 50:
        world.agreements.record_compensation(enterprise, c.RecordCompensation(agreement.id, month, Money.positive("1000.00"), f"PAY-{month}"))
        month = month.next()
    snapshots = list(world.agreements.snapshots.get(agreement.id))
    assert [s.originator_version for s in snapshots] == [50]
    assert world.agreements.get(AUDITOR, agreement.id).compensation_total.amount == \
        1000 * len(world.agreements.agreement_unchecked(agreement.id).compensations)


def test_the_same_payment_reference_twice_records_one_event(world):
    agreement = active_agreement(world)
    enterprise = principals(agreement).enterprise
    payment = c.RecordCompensation(agreement.id, Month(2026, 9), Money.positive("85000.00"),
                                   "PAY-1")
    first = world.agreements.record_compensation(enterprise, payment)
    again = world.agreements.record_compensation(enterprise, payment)
    assert (first.new, again.new, again.position) == (True, False, None)
    assert again.aggregate.version == first.aggregate.version


def test_mentors_during_a_month_and_numbers_for_other_areas(world):
    agreement = active_agreement(world)
    assert world.agreements.mentors_during(agreement.id, Month(2026, 10)) == {MENTOR_IIN}
    assert world.agreements.mentors_during(agreement.id, Month(2026, 8)) == set()
    assert world.agreements.find_by_number(BIN.parse(COLLEGE_BIN), "NO-SUCH") is None


def test_with_a_credit_minimum_of_9_months_a_7_month_plan_is_flagged(tmp_path):
    settings = Settings.from_env({"DUALTRACK_DATA_DIR": str(tmp_path / "data"),
                                  "DUALTRACK_CREDIT_MIN_MONTHS": "9"})
    configured = bootstrap(settings)
    try:
        configured.agreements.clock = configured.participants.clock = lambda: TODAY
        agreement = draft_agreement(configured, planned_practice_months=7)
        assert configured.agreements.practice_plan_flagged(agreement)
    finally:
        configured.close()

"""Reading agreements: versions, moments, full histories, snapshots and input errors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from application.errors import NotFoundError
from application.security import Principal
from domain.agreements.agreement import AgreementStatus, DualTrainingAgreement
from domain.shared.audit import Role
from domain.shared.calendar import Month
from domain.shared.errors import InvalidValueError
from infrastructure.bootstrap import bootstrap
from infrastructure.settings import Settings
from tests.application.agreements import fixtures as agreement_fixtures
from tests.application.agreements.fixtures import (
    AUDITOR,
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    active_agreement,
    draft_agreement,
    new_trainee_iin,
    principals,
    register_organisations,
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
    world.agreements.sign(college, agreement.id, "college")
    signed = world.agreements.history(AUDITOR, agreement.id)[-1]
    assert (type(signed).__name__, signed.actor_role, signed.actor_id, signed.correlation_id) == \
        ("Signed", "college", COLLEGE_BIN, "req-42")
    assert DualTrainingAgreement.Signed.TOPIC == "dualtrack:agreements.DualTrainingAgreement.Signed"


def test_a_snapshot_restores_every_recorded_fact(world):
    agreement = active_agreement(world, start=date(2026, 1, 12), end=date(2026, 12, 25))
    who = principals(agreement)
    app = world.agreements
    app.record_practice_period(who.enterprise, agreement.id, "2026-02-01", "2026-03-31",
                               "Assistant", "Welding")
    app.record_compensation(who.enterprise, agreement.id, "2026-02", "40000", "PAY-1")
    app.propose_amendment(who.college, agreement.id, {"workplace": "Shop 3"}, "Moved")
    app.suspend(who.college, agreement.id, "2026-04-01", "Illness", "2026-04-20")
    app.resume(who.college, agreement.id, "2026-04-15")
    app.terminate(who.college, agreement.id, "expulsion", "2026-10-31", "Order 7")
    before = app.get(AUDITOR, agreement.id)
    app.take_snapshot(agreement.id)
    after = app.get(AUDITOR, agreement.id)
    assert vars(after) == vars(before)


def test_snapshots_are_taken_every_50_events(world):
    agreement = active_agreement(world, start=date(2022, 1, 1), end=date(2026, 6, 30))
    enterprise = principals(agreement).enterprise
    month = Month(2022, 1)
    while world.agreements.agreement(agreement.id).version < 50:
        world.agreements.record_compensation(enterprise, agreement.id, month, "1000.00",
                                             f"PAY-{month}")
        month = month.next()
    snapshots = list(world.agreements.snapshots.get(agreement.id))
    assert [s.originator_version for s in snapshots] == [50]
    assert world.agreements.get(AUDITOR, agreement.id).compensation_total.amount == \
        1000 * len(world.agreements.agreement(agreement.id).compensations)


def test_the_same_payment_reference_twice_records_one_event(world):
    agreement = active_agreement(world)
    enterprise = principals(agreement).enterprise
    first = world.agreements.record_compensation(enterprise, agreement.id, "2026-09",
                                                 "85000.00", "PAY-1")
    again = world.agreements.record_compensation(enterprise, agreement.id, "2026-09",
                                                 "85000", "PAY-1")
    assert again.version == first.version


def test_mentors_during_a_month_and_numbers_for_other_areas(world):
    agreement = active_agreement(world)
    assert world.agreements.mentors_during(agreement.id, "2026-10") == {MENTOR_IIN}
    assert world.agreements.mentors_during(agreement.id, Month(2026, 8)) == set()
    assert world.agreements.find_by_number(COLLEGE_BIN, "NO-SUCH") is None


def register_raw(world, **changes):  # type: ignore[no-untyped-def]
    register_organisations(world)
    values = {"number": "DT-X", "college_bin": COLLEGE_BIN, "enterprise_bin": ENTERPRISE_BIN,
              "trainee": {"iin": new_trainee_iin(), "full_name": "Dana"},
              "legal_representative": None, "specialty_code": "07150200",
              "qualification": "Welder", "start_date": "2026-09-01", "end_date": "2027-06-30",
              "planned_practice_months": 8, "workplace": "Shop"}
    values.update(changes)
    return world.agreements.register(Principal(Role.COLLEGE, COLLEGE_BIN), **values)


@pytest.mark.parametrize("changes, field", [
    ({"trainee": {"iin": "123456789012", "full_name": "Dana"}}, "trainee.iin"),
    ({"trainee": {"iin": new_trainee_iin(date(2010, 1, 10)), "full_name": "Dana"},
      "legal_representative": {"iin": "12345", "full_name": "Parent"}},
     "legal_representative.iin"),
    ({"college_bin": "000000000000"}, "college_bin"),
    ({"start_date": "01.09.2026"}, "start_date"),
    ({"end_date": "2026-08-31"}, "end_date"),
    ({"planned_practice_months": "many"}, "planned_practice_months"),
    ({"number": " "}, "number"),
    ({"trainee": {"iin": new_trainee_iin(), "full_name": ""}}, "trainee.full_name"),
])
def test_malformed_input_names_the_field(world, changes, field):
    with pytest.raises(InvalidValueError) as error:
        register_raw(world, **changes)
    assert error.value.field == field


def test_malformed_command_input_names_the_field(world):
    agreement = active_agreement(world)
    who = principals(agreement)
    app = world.agreements
    cases = [
        (lambda: app.record_compensation(who.enterprise, agreement.id, "2026/09", "1", "P"),
         "month"),
        (lambda: app.record_compensation(who.enterprise, agreement.id, "2026-09", "-5", "P"),
         "amount"),
        (lambda: app.terminate(who.college, agreement.id, "bored", "2026-10-01", "x"),
         "reason_code"),
        (lambda: app.sign(who.college, agreement.id, "notary"), "party"),
        (lambda: app.assign_mentor(who.enterprise, agreement.id, "1", "2026-10-01"),
         "mentor_iin"),
        (lambda: app.record_practice_period(who.enterprise, agreement.id, "2026-10-01",
                                            "2026-09-30", "A", "B"), "end_date"),
    ]
    for command, field in cases:
        with pytest.raises(InvalidValueError) as error:
            command()
        assert error.value.field == field


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

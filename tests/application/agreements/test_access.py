"""Who may register, read and change an agreement (DOMAIN.md roles table)."""

from __future__ import annotations

import pytest

from application.errors import NotFoundError, PermissionDeniedError, StaleVersionError
from application.security import Principal
from domain.agreements.agreement import AgreementStatus, Party
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from tests.application.agreements import fixtures as agreement_fixtures
from tests.application.agreements.fixtures import (
    AUDITOR,
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    active_agreement,
    draft_agreement,
    new_trainee_iin,
    principals,
    record_practice,
    register_organisations,
)

world = agreement_fixtures.world


def test_the_enterprise_registers_an_agreement_as_the_enterprise_party(world):
    enterprise = Principal(Role.ENTERPRISE, ENTERPRISE_BIN)
    agreement = draft_agreement(world, by=enterprise)
    assert agreement.status is AgreementStatus.DRAFT
    assert world.agreements.history(AUDITOR, agreement.id)[0].actor_role == "enterprise"


@pytest.mark.parametrize("role, subject", [(Role.COLLEGE, OTHER_COLLEGE_BIN),
                                           (Role.ENTERPRISE, OTHER_ENTERPRISE_BIN)])
def test_an_organisation_registers_only_agreements_it_is_a_party_to(world, role, subject):
    with pytest.raises(PermissionDeniedError):
        draft_agreement(world, by=Principal(role, subject))


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.AUDITOR, Role.MONITOR, Role.MENTOR])
def test_other_roles_do_not_register_agreements(world, role):
    with pytest.raises(PermissionDeniedError):
        draft_agreement(world, by=Principal(role, None))


def test_both_organisations_must_be_registered_with_the_right_kinds(world):
    register_organisations(world)
    with pytest.raises(InvalidValueError) as error:
        world.agreements.register(
            Principal(Role.ENTERPRISE, ENTERPRISE_BIN), number="X-1", college_bin=ENTERPRISE_BIN,
            enterprise_bin=ENTERPRISE_BIN, trainee={"iin": new_trainee_iin(), "full_name": "A"},
            specialty_code="07150200", qualification="Welder", start_date="2026-09-01",
            end_date="2027-06-30", planned_practice_months=8, workplace="Shop")
    assert error.value.field == "college_bin"
    with pytest.raises(InvalidValueError) as error:
        world.agreements.register(
            Principal(Role.COLLEGE, COLLEGE_BIN), number="X-2", college_bin=COLLEGE_BIN,
            enterprise_bin=OTHER_ENTERPRISE_BIN,
            trainee={"iin": new_trainee_iin(), "full_name": "A"}, specialty_code="07150200",
            qualification="Welder", start_date="2026-09-01", end_date="2027-06-30",
            planned_practice_months=8, workplace="Shop")
    assert error.value.field == "enterprise_bin"


def test_the_three_parties_and_auditors_read_the_agreement(world):
    agreement = draft_agreement(world)
    who = principals(agreement)
    for reader in (who.college, who.enterprise, who.trainee, who.auditor):
        assert world.agreements.get(reader, agreement.id).id == agreement.id
        assert world.agreements.history(reader, agreement.id)


def test_an_admin_manages_participants_but_does_not_read_agreements(world):
    agreement = draft_agreement(world)
    with pytest.raises(PermissionDeniedError):
        world.agreements.get(principals(agreement).admin, agreement.id)


def test_another_party_s_agreement_is_not_found(world):
    agreement = draft_agreement(world)
    strangers = principals(college_bin=OTHER_COLLEGE_BIN, enterprise_bin=OTHER_ENTERPRISE_BIN)
    for stranger in (strangers.college, strangers.enterprise, strangers.trainee):
        with pytest.raises(NotFoundError):
            world.agreements.get(stranger, agreement.id)
        with pytest.raises(NotFoundError):
            world.agreements.history(stranger, agreement.id)


def test_monitors_and_mentors_may_not_read_agreements(world):
    agreement = draft_agreement(world)
    who = principals(agreement)
    for reader in (who.monitor, who.mentor):
        with pytest.raises(PermissionDeniedError):
            world.agreements.get(reader, agreement.id)


def test_an_auditor_never_writes(world):
    agreement = draft_agreement(world)
    with pytest.raises(PermissionDeniedError):
        world.agreements.sign(AUDITOR, agreement.id, "college")
    with pytest.raises(PermissionDeniedError):
        world.agreements.cancel(AUDITOR, agreement.id, "audit")


def test_each_role_signs_only_as_its_own_party_and_the_college_records_paper_signatures(world):
    agreement = draft_agreement(world)
    who = principals(agreement)
    with pytest.raises(PermissionDeniedError):
        world.agreements.sign(who.enterprise, agreement.id, "college")
    with pytest.raises(PermissionDeniedError):
        world.agreements.sign(who.trainee, agreement.id, "enterprise")
    agreement = world.agreements.sign(who.college, agreement.id, "trainee")
    assert agreement.signed_by == {Party.TRAINEE}


def test_a_trainee_signs_only_their_own_agreements(world):
    agreement = draft_agreement(world)
    other_trainee = Principal(Role.TRAINEE, new_trainee_iin())
    with pytest.raises(NotFoundError):
        world.agreements.sign(other_trainee, agreement.id, "trainee")
    signed = world.agreements.sign(principals(agreement).trainee, agreement.id, "trainee")
    assert signed.version == 2


def test_only_the_enterprise_records_the_annex(world):
    agreement = active_agreement(world)
    who = principals(agreement)
    for other in (who.college, who.trainee):
        with pytest.raises(PermissionDeniedError):
            world.agreements.record_practice_period(other, agreement.id, "2026-09-01",
                                                    "2026-09-30", "Assistant", "Welding")
    assert record_practice(world, agreement, agreement.start_date,
                           agreement.start_date.replace(day=30)).practice_periods


def test_only_the_college_completes_and_cancels(world):
    agreement = draft_agreement(world)
    with pytest.raises(PermissionDeniedError):
        world.agreements.cancel(principals(agreement).enterprise, agreement.id, "no")


def test_a_write_with_a_stale_expected_version_is_refused(world):
    agreement = draft_agreement(world)
    who = principals(agreement)
    world.agreements.sign(who.college, agreement.id, "college", expected_version=1)
    with pytest.raises(StaleVersionError):
        world.agreements.sign(who.enterprise, agreement.id, "enterprise", expected_version=1)

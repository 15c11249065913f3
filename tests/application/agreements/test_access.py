"""Who may register, read and change an agreement (DOMAIN.md roles table)."""

from __future__ import annotations

from datetime import date

import pytest

from application.agreements import commands as c
from application.errors import NotFoundError, PermissionDeniedError, StaleVersionError
from application.security import Principal
from domain.agreements.agreement import AgreementStatus, Party
from domain.agreements.terms import Person
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN
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


def registration(*, college_bin: str = COLLEGE_BIN, enterprise_bin: str = ENTERPRISE_BIN
                 ) -> c.Register:
    return c.Register(number="X-1", college_bin=BIN.parse(college_bin),
                      enterprise_bin=BIN.parse(enterprise_bin),
                      trainee=Person(IIN.parse(new_trainee_iin()), "A"),
                      specialty_code="07150200", qualification="Welder",
                      term=DatePeriod(date(2026, 9, 1), date(2027, 6, 30)),
                      planned_practice_months=8, workplace="Shop")


def test_both_organisations_must_be_registered_with_the_right_kinds(world):
    register_organisations(world)
    with pytest.raises(InvalidValueError) as error:
        world.agreements.register(Principal(Role.ENTERPRISE, ENTERPRISE_BIN),
                                  registration(college_bin=ENTERPRISE_BIN))
    assert error.value.field == "college_bin"
    with pytest.raises(InvalidValueError) as error:
        world.agreements.register(Principal(Role.COLLEGE, COLLEGE_BIN),
                                  registration(enterprise_bin=OTHER_ENTERPRISE_BIN))
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
        world.agreements.sign(AUDITOR, c.Sign(agreement.id, Party.COLLEGE))
    with pytest.raises(PermissionDeniedError):
        world.agreements.cancel(AUDITOR, c.Cancel(agreement.id, "audit"))


def test_each_role_signs_only_as_its_own_party_and_the_college_records_paper_signatures(world):
    agreement = draft_agreement(world)
    who = principals(agreement)
    with pytest.raises(PermissionDeniedError):
        world.agreements.sign(who.enterprise, c.Sign(agreement.id, Party.COLLEGE))
    with pytest.raises(PermissionDeniedError):
        world.agreements.sign(who.trainee, c.Sign(agreement.id, Party.ENTERPRISE))
    agreement = world.agreements.sign(who.college, c.Sign(agreement.id, Party.TRAINEE)).aggregate
    assert agreement.signed_by == {Party.TRAINEE}


def test_a_trainee_signs_only_their_own_agreements(world):
    agreement = draft_agreement(world)
    other_trainee = Principal(Role.TRAINEE, new_trainee_iin())
    with pytest.raises(NotFoundError):
        world.agreements.sign(other_trainee, c.Sign(agreement.id, Party.TRAINEE))
    signed = world.agreements.sign(principals(agreement).trainee, c.Sign(agreement.id, Party.TRAINEE)).aggregate
    assert signed.version == 2


def test_only_the_enterprise_records_the_annex(world):
    agreement = active_agreement(world)
    who = principals(agreement)
    for other in (who.college, who.trainee):
        with pytest.raises(PermissionDeniedError):
            world.agreements.record_practice_period(other, c.RecordPracticePeriod(agreement.id, DatePeriod(date(2026, 9, 1), date(2026, 9, 30)), "Assistant", "Welding"))
    assert record_practice(world, agreement, agreement.start_date,
                           agreement.start_date.replace(day=30)).practice_periods


def test_only_the_college_completes_and_cancels(world):
    agreement = draft_agreement(world)
    with pytest.raises(PermissionDeniedError):
        world.agreements.cancel(principals(agreement).enterprise, c.Cancel(agreement.id, "no"))


def test_a_write_with_a_stale_expected_version_is_refused(world):
    agreement = draft_agreement(world)
    who = principals(agreement)
    world.agreements.sign(who.college, c.Sign(agreement.id, Party.COLLEGE, expected_version=1))
    with pytest.raises(StaleVersionError):
        world.agreements.sign(who.enterprise, c.Sign(agreement.id, Party.ENTERPRISE, expected_version=1))

"""Participants: organisations, mentors and access tokens, on both backends."""

from __future__ import annotations

import pytest

from application.errors import NotFoundError, PermissionDeniedError
from application.participants.service import Participants, hash_token
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError, RuleViolationError
from tests.conftest import TODAY

COLLEGE_BIN = "220940000007"
ADMIN = Principal(Role.ADMIN, correlation_id="test")


@pytest.fixture
def participants(settings):  # type: ignore[no-untyped-def]
    app = Participants(settings.app_env(Participants.name))
    app.clock = lambda: TODAY
    yield app
    app.close()


def test_an_admin_registers_a_college_and_the_event_names_the_admin(participants) -> None:
    college = participants.register_organisation(
        ADMIN, bin=COLLEGE_BIN, name="Karaganda Poly", kind="college", region="35",
        league="leader")
    assert participants.organisation(COLLEGE_BIN).name == "Karaganda Poly"
    (registered,) = participants.events_of(college.id)
    assert (registered.actor_role, registered.correlation_id) == ("admin", "test")


def test_an_organisation_is_registered_once(participants) -> None:
    participants.register_organisation(ADMIN, bin=COLLEGE_BIN, name="A", kind="college",
                                       region="35")
    with pytest.raises(RuleViolationError):
        participants.register_organisation(ADMIN, bin=COLLEGE_BIN, name="B", kind="college",
                                           region="35")


def test_only_an_admin_registers_organisations(participants) -> None:
    with pytest.raises(PermissionDeniedError):
        participants.register_organisation(Principal(Role.COLLEGE, COLLEGE_BIN),
                                           bin=COLLEGE_BIN, name="A", kind="college", region="35")


def test_a_bad_region_is_refused_naming_the_rule(participants) -> None:
    with pytest.raises(InvalidValueError) as refused:
        participants.register_organisation(ADMIN, bin=COLLEGE_BIN, name="A", kind="college",
                                           region="99")
    assert refused.value.rule == "region_code"


def test_an_enterprise_registers_mentors_only_for_itself(participants) -> None:
    enterprise_bin = "180541000900"
    participants.register_organisation(ADMIN, bin=enterprise_bin, name="Qarmet",
                                       kind="enterprise", region="35", size="large")
    other = Principal(Role.ENTERPRISE, "220940000007")
    with pytest.raises(NotFoundError):
        participants.register_mentor(other, enterprise_bin, iin="850202400111", full_name="A B",
                                     position="Foreman", qualification="6th grade",
                                     experience_years=10)
    own = Principal(Role.ENTERPRISE, enterprise_bin)
    participants.register_mentor(own, enterprise_bin, iin="850202400111", full_name="A B",
                                 position="Foreman", qualification="6th grade",
                                 experience_years=10)
    assert participants.is_active_mentor(enterprise_bin, "850202400111")


def test_a_token_authenticates_as_its_role_and_only_its_hash_is_stored(participants) -> None:
    token = participants.issue_token(ADMIN, "college", COLLEGE_BIN)
    caller = participants.authenticate(token, "c1")
    assert caller is not None
    assert (caller.role, caller.subject) == (Role.COLLEGE, COLLEGE_BIN)
    stored = participants.recorder.select_notifications(start=1, limit=10)
    assert all(token.encode() not in n.state for n in stored)
    assert any(hash_token(token).encode() in n.state for n in stored)


def test_an_unknown_token_authenticates_nobody(participants) -> None:
    assert participants.authenticate("not-a-token", "c1") is None


def test_a_college_token_needs_a_valid_bin(participants) -> None:
    with pytest.raises(InvalidValueError) as refused:
        participants.issue_token(ADMIN, "college", "220940000008")
    assert refused.value.rule == "check_digit"

"""Participants: organisations, mentors and access tokens, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from application.errors import NotFoundError, PermissionDeniedError
from application.participants.commands import IssueToken, RevokeToken
from application.participants.service import Participants, hash_token
from application.security import Principal
from domain.participants.access_token import AccessToken
from domain.participants.errors import (
    BornInTheFutureError,
    MentorAlreadyRegisteredError,
    OrganisationAlreadyRegisteredError,
    RequiredValueError,
    UnexpectedSubjectError,
    UnknownOrganisationError,
)
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN, compose_bin, compose_iin
from tests.application.participants.builders import mentor, organisation, token_for
from tests.conftest import TODAY

COLLEGE_BIN = "220940000007"
ENTERPRISE_BIN = "180541000900"
MENTOR_IIN = "850202400111"
ADMIN = Principal(Role.ADMIN, correlation_id="test")
COLLEGE = organisation(bin=COLLEGE_BIN, name="Karaganda Poly", kind="college", region="35",
                       league="leader")
ENTERPRISE = organisation(bin=ENTERPRISE_BIN, name="Qarmet", kind="enterprise", region="35",
                          size="large", oked="24.10")


@pytest.fixture
def participants(settings):  # type: ignore[no-untyped-def]
    app = Participants(settings.app_env(Participants.name))
    app.clock = lambda: TODAY
    yield app
    app.close()


def test_an_admin_registers_a_college_and_the_event_names_the_admin(participants) -> None:
    recorded = participants.register_organisation(ADMIN, COLLEGE)

    assert recorded.new and recorded.position is not None
    assert participants.organisation(BIN.parse(COLLEGE_BIN)).name == "Karaganda Poly"
    (registered,) = participants.events_of(recorded.aggregate.id)
    assert (registered.actor_role, registered.correlation_id) == ("admin", "test")


def test_an_oked_code_is_stored_as_its_digits(participants) -> None:
    participants.register_organisation(ADMIN, ENTERPRISE)

    assert participants.organisation(BIN.parse(ENTERPRISE_BIN)).oked == "2410"


def test_an_organisation_is_registered_once(participants) -> None:
    participants.register_organisation(ADMIN, COLLEGE)

    with pytest.raises(OrganisationAlreadyRegisteredError):
        participants.register_organisation(ADMIN, replace(COLLEGE, name="B"))


def test_only_an_admin_registers_organisations(participants) -> None:
    with pytest.raises(PermissionDeniedError):
        participants.register_organisation(Principal(Role.COLLEGE, COLLEGE_BIN), COLLEGE)


def test_a_bad_region_is_refused_naming_the_rule(participants) -> None:
    with pytest.raises(InvalidValueError) as refused:
        participants.register_organisation(ADMIN, replace(COLLEGE, region="99"))
    assert refused.value.rule == "region_code"


def test_an_enterprise_registers_mentors_only_for_itself(participants) -> None:
    participants.register_organisation(ADMIN, ENTERPRISE)
    other = Principal(Role.ENTERPRISE, COLLEGE_BIN)
    with pytest.raises(NotFoundError):
        participants.register_mentor(other, mentor(ENTERPRISE_BIN, iin=MENTOR_IIN))

    own = Principal(Role.ENTERPRISE, ENTERPRISE_BIN)
    recorded = participants.register_mentor(own, mentor(ENTERPRISE_BIN, iin=MENTOR_IIN))

    assert recorded.new and recorded.aggregate.iin == IIN.parse(MENTOR_IIN)
    assert participants.is_active_mentor(BIN.parse(ENTERPRISE_BIN), IIN.parse(MENTOR_IIN))


def test_a_mentor_is_registered_once_at_an_enterprise(participants) -> None:
    participants.register_organisation(ADMIN, ENTERPRISE)
    participants.register_mentor(ADMIN, mentor(ENTERPRISE_BIN, iin=MENTOR_IIN))

    with pytest.raises(MentorAlreadyRegisteredError):
        participants.register_mentor(ADMIN, mentor(ENTERPRISE_BIN, iin=MENTOR_IIN))


def test_a_mentor_needs_a_registered_enterprise(participants) -> None:
    participants.register_organisation(ADMIN, COLLEGE)

    with pytest.raises(UnknownOrganisationError) as refused:
        participants.register_mentor(ADMIN, mentor(COLLEGE_BIN, iin=MENTOR_IIN))
    assert refused.value.field == "enterprise_bin"


def test_a_mentor_born_after_today_is_refused_on_the_iin(participants) -> None:
    participants.register_organisation(ADMIN, ENTERPRISE)
    unborn = compose_iin(date(TODAY.year + 1, 1, 1), male=True, serial=5).value

    with pytest.raises(BornInTheFutureError) as refused:
        participants.register_mentor(ADMIN, mentor(ENTERPRISE_BIN, iin=unborn))
    assert refused.value.field == "iin"


def test_a_token_authenticates_as_its_role_and_only_its_hash_is_stored(participants) -> None:
    token = participants.issue_token(ADMIN, token_for("college", COLLEGE_BIN))
    caller = participants.authenticate(token, "c1")
    assert caller is not None
    assert (caller.role, caller.subject) == (Role.COLLEGE, COLLEGE_BIN)
    stored = participants.recorder.select_notifications(start=1, limit=10)
    assert all(token.encode() not in n.state for n in stored)
    assert any(hash_token(token).encode() in n.state for n in stored)


def test_a_revoked_token_is_refused_at_once_by_another_process_that_cached_it(
        participants, settings) -> None:
    token = participants.issue_token(ADMIN, token_for("college", COLLEGE_BIN))
    other = Participants(settings.app_env(Participants.name))  # another worker's copy
    try:
        assert other.authenticate(token, "c1") is not None
        assert other.repository.cache is not None
        assert other.repository.cache.get(AccessToken.create_id(hash_token(token)))
        participants.revoke_token(ADMIN, RevokeToken(token, "lost laptop"))

        assert other.authenticate(token, "c2") is None
    finally:
        other.close()
    assert participants.authenticate(token, "c3") is None


def test_revoking_a_token_records_why_and_revoking_again_records_nothing(
        participants) -> None:
    token = participants.issue_token(ADMIN, token_for("college", COLLEGE_BIN))
    first = participants.revoke_token(ADMIN, RevokeToken(token, "lost laptop"))
    again = participants.revoke_token(ADMIN, RevokeToken(token, "lost laptop"))

    assert first.new and not again.new
    revoked = participants.events_of(first.aggregate.id)[-1]
    assert (type(revoked).__name__, revoked.reason, revoked.actor_role) == \
        ("Revoked", "lost laptop", "admin")
    with pytest.raises(PermissionDeniedError):
        participants.revoke_token(Principal(Role.COLLEGE, COLLEGE_BIN),
                                  RevokeToken(token, "x"))
    with pytest.raises(NotFoundError):
        participants.revoke_token(ADMIN, RevokeToken("not-a-token", "x"))


def test_an_expired_token_is_refused_and_one_without_expiry_lives_until_revoked(
        participants) -> None:
    now = datetime.now(UTC)
    soon = participants.issue_token(ADMIN, replace(token_for("auditor"),
                                                   expires_at=now + timedelta(seconds=1)))
    lasting = participants.issue_token(ADMIN, token_for("auditor"))
    stored = participants.tokens(ADMIN)

    assert participants.authenticate(soon, "c1") is not None
    expiring = next(t for t in stored if t.expires_at is not None)
    assert not expiring.valid_at(now + timedelta(seconds=1)) and expiring.valid_at(now)
    assert participants.authenticate(lasting, "c2") is not None
    with pytest.raises(InvalidValueError) as refused:
        participants.issue_token(ADMIN, replace(token_for("auditor"), expires_at=now))
    assert (refused.value.field, refused.value.rule) == ("expires_in", "positive")


def test_tokens_are_listed_for_admins_only_and_revoked_by_their_id(participants) -> None:
    first = participants.issue_token(ADMIN, token_for("college", COLLEGE_BIN))
    participants.issue_token(ADMIN, token_for("auditor"))
    listed = participants.tokens(ADMIN)

    assert [t.role for t in listed] == [Role.COLLEGE, Role.AUDITOR]
    assert all(first not in (t.token_id, t.token_hash) for t in listed)
    with pytest.raises(PermissionDeniedError):
        participants.tokens(Principal(Role.AUDITOR))
    participants.revoke_token(ADMIN, RevokeToken(listed[0].token_id, "left", by_id=True))
    assert participants.authenticate(first, "c1") is None
    with pytest.raises(NotFoundError):
        participants.revoke_token(ADMIN, RevokeToken("000000000000", "x", by_id=True))


def test_an_unknown_token_authenticates_nobody(participants) -> None:
    assert participants.authenticate("not-a-token", "c1") is None


def test_a_college_token_needs_a_valid_bin(participants) -> None:
    with pytest.raises(InvalidValueError) as refused:
        participants.issue_token(ADMIN, token_for("college", "220940000008"))
    assert refused.value.rule == "check_digit"


def test_a_college_token_needs_the_organisations_bin_and_says_so_without_cli_flags(
        participants) -> None:
    with pytest.raises(RequiredValueError) as refused:
        participants.issue_token(ADMIN, IssueToken(Role.COLLEGE))
    assert refused.value.field == "bin" and "--" not in refused.value.message


def test_a_trainee_token_needs_an_iin_not_a_bin(participants) -> None:
    with pytest.raises(RequiredValueError) as refused:
        participants.issue_token(ADMIN, IssueToken(Role.TRAINEE, BIN.parse(COLLEGE_BIN)))
    assert refused.value.field == "iin"


def test_an_auditor_token_has_no_subject(participants) -> None:
    with pytest.raises(UnexpectedSubjectError):
        participants.issue_token(ADMIN, IssueToken(Role.AUDITOR, "35"))


def test_system_tokens_are_never_issued(participants) -> None:
    with pytest.raises(PermissionDeniedError):
        participants.issue_token(ADMIN, IssueToken(Role.SYSTEM))


def test_existing_names_exactly_the_recorded_ids_in_one_read(participants) -> None:
    participants.register_organisation(ADMIN, COLLEGE)
    participants.register_organisation(ADMIN, ENTERPRISE)
    from domain.participants.aggregates import Organisation

    recorded = {Organisation.create_id(BIN.parse(COLLEGE_BIN)),
                Organisation.create_id(BIN.parse(ENTERPRISE_BIN))}
    never = Organisation.create_id(compose_bin(2012, 7, serial=77))  # never registered
    assert hasattr(participants.recorder, "select_existing")  # both stores' recorders can
    assert participants.existing([*recorded, never]) == recorded
    assert participants.existing([]) == set()

"""Reading agreements over HTTP: GET now, at a version (?version=N) or a moment
(?as_of=<timestamp>), and the history; who may read them and who may not."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from domain.shared.audit import Role
from interfaces.web.resources.audit.history import history_entries
from tests.application.agreements.fixtures import AUDITOR, COLLEGE_BIN, sign_all
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import (
    AGREEMENTS,
    TRAINEE_IIN,
    field_rule,
    problem_of,
    url,
)

api = fixtures.api


# Reading -----------------------------------------------------------------------------

def test_the_parties_and_the_auditor_read_the_agreement_with_its_etag(api):
    agreement = api.draft()
    assert api.get(url(agreement), who="admin").status_code == 403

    for who in ("college", "enterprise", "trainee", "auditor"):
        answer = api.get(url(agreement), who=who)
        assert answer.status_code == 200, who
        assert answer.headers["ETag"] == '"1"' and answer.json["id"] == str(agreement.id)


def test_another_colleges_agreement_is_404_and_so_is_an_unknown_or_malformed_id(api):
    agreement = api.draft()

    for path in (url(agreement), f"{AGREEMENTS}/{uuid4()}", f"{AGREEMENTS}/DT-1"):
        assert api.get(path, who="other_college").status_code == 404, path
    assert problem_of(api.get(url(agreement, "history"), who="other_college")) == \
        (404, "not_found")


def test_a_monitor_or_a_mentor_may_not_read_an_agreement_nor_its_history(api):
    agreement = api.draft()

    for who in ("monitor", "mentor"):
        assert problem_of(api.get(url(agreement), who=who)) == (403, "forbidden")
        assert problem_of(api.get(url(agreement, "history"), who=who)) == (403, "forbidden")


def test_without_a_token_reading_is_401(api):
    agreement = api.draft()

    assert problem_of(api.get(url(agreement), who=None)) == (401, "missing_token")
    assert problem_of(api.get(url(agreement, "history"), who=None)) == (401, "missing_token")


def test_version_gives_the_state_right_after_that_version(api):
    agreement = sign_all(api.system, api.draft())

    first = api.get(url(agreement), version=1)
    third = api.get(url(agreement), version="3")

    assert first.json["status"] == "draft" and first.json["signed_by"] == []
    assert first.headers["ETag"] == '"1"'
    assert third.json["signed_by"] == ["college", "enterprise"]
    assert problem_of(api.get(url(agreement), version=agreement.version + 1)) == \
        (404, "not_found")


def test_as_of_gives_the_state_at_that_moment(api):
    agreement = api.draft()
    between = datetime.now(UTC)
    signed = sign_all(api.system, agreement)

    then = api.get(url(agreement), as_of=between.isoformat())
    now = api.get(url(agreement), as_of=(datetime.now(UTC) + timedelta(seconds=1)).isoformat())
    before = api.get(url(agreement), as_of="2020-01-01T00:00:00Z")

    assert then.json["version"] == 1 and then.json["status"] == "draft"
    assert now.json["version"] == signed.version and now.json["status"] == "active"
    assert problem_of(before) == (404, "not_found")


def test_a_bad_version_or_moment_is_422_naming_the_parameter(api):
    agreement = api.draft()

    assert field_rule(api.get(url(agreement), version=0), "version") == "range"
    assert field_rule(api.get(url(agreement), version="two"), "version") == "type"
    assert field_rule(api.get(url(agreement), as_of="yesterday"), "as_of") == "type"
    both = api.get(url(agreement), version=1, as_of="2026-11-23T00:00:00Z")
    assert field_rule(both, "_request") == "exclusive"


# History -----------------------------------------------------------------------------

def test_the_history_lists_each_event_with_its_version_type_actor_and_data(api):
    agreement = api.draft()
    api.post(url(agreement, "signatures"), {"party": "college"}, X_Correlation_ID="req-42")

    history = api.get(url(agreement, "history"), who="auditor").json

    assert [(e["version"], e["type"]) for e in history] == [(1, "Registered"), (2, "Signed")]
    signed = history[1]
    assert signed["actor"] == {"role": "college", "id": COLLEGE_BIN}
    assert signed["correlation_id"] == "req-42"
    assert signed["data"] == {"party": "college", "terms_version": 1}
    assert datetime.fromisoformat(signed["recorded_at"]).tzinfo is not None
    registered = history[0]["data"]
    assert registered["trainee_iin"] == TRAINEE_IIN and registered["start_date"] == "2026-09-01"
    assert not {"originator_id", "originator_version", "timestamp", "actor_role",
                "actor_id", "originator_topic"} & set(registered)


def test_the_trainee_reads_the_history_of_its_own_agreement(api):
    agreement = api.draft()

    answer = api.get(url(agreement, "history"), who="trainee")

    assert answer.status_code == 200 and answer.json[0]["data"]["trainee_name"] == \
        "Dana Akhmetova"


def test_a_reader_without_the_right_to_personal_data_gets_none_where_a_person_is_named(api):
    agreement = sign_all(api.system, api.draft())
    events = api.system.agreements.history(AUDITOR, agreement.id)

    entries = history_entries(events, reader=Role.MONITOR)

    registered = entries[0]["data"]
    assert registered["trainee_iin"] is None and registered["trainee_name"] is None
    assert registered["college_bin"] == COLLEGE_BIN
    assert [e["actor"]["id"] for e in entries if e["actor"]["role"] == "trainee"] == [None, None]

"""The audit feed over HTTP: GET /api/v1/audit/events, every application's events in order,
paged by a cursor that resumes exactly where the last page ended (auditors only)."""

import pytest

from application.security import Principal
from domain.shared.audit import Role
from tests.application.agreements.fixtures import COLLEGE_BIN
from tests.application.participants.builders import token_for
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import field_rule, problem_of
from tests.interfaces.web.mentor_contracts.test_contracts import CONTRACTS, contract_body

api = fixtures.api

FEED = "/api/v1/audit/events"


@pytest.fixture
def recorded(api):
    """Events in participants, agreements, mentor payments and work experience; one
    request (concluding a contract) sent with its own correlation id and Idempotency-Key."""
    agreement = api.active()
    api.get(f"/api/v1/trainees/{agreement.trainee_iin}/work-experience", who="trainee")
    api.post(CONTRACTS, contract_body(), X_Request_ID="audit-trail-1",
             Idempotency_Key="conclude-1")
    return agreement


def feed(api, **query):
    answer = api.get(FEED, who="auditor", **query)
    assert answer.status_code == 200, answer.json
    return answer.json


def keys(events):
    return [(e["application"], e["position"]) for e in events]


def test_only_an_auditor_reads_the_feed(api):
    assert problem_of(api.get(FEED, who="college")) == (403, "forbidden")
    assert problem_of(api.get(FEED, who="admin")) == (403, "forbidden")
    assert api.get(FEED, who=None).status_code == 401


def test_the_feed_holds_every_applications_business_events_with_who_when_and_what(
        api, recorded):
    events = feed(api, limit=1000)["events"]

    concluded = next(e for e in events if e["correlation_id"] == "audit-trail-1")
    assert (concluded["application"], concluded["type"], concluded["topic"]) == (
        "mentor_payments", "Concluded", "dualtrack:mentor_payments.MentorServiceContract.Concluded")
    assert concluded["aggregate_version"] == 1 and concluded["aggregate_id"]
    assert concluded["actor"] == {"role": "college", "id": COLLEGE_BIN}
    assert (concluded["data"]["rate"], concluded["data"]["number"]) == ("20000.00", "MS-2026-001")
    assert {e["application"] for e in events} == \
        {"participants", "agreements", "mentor_payments", "work_experience"}
    issued = next(e for e in events if e["type"] == "Issued")
    assert "token_hash" not in issued["data"] and len(issued["data"]["token_id"]) == 12
    # Merged by time: the credit followed the agreement before the contract was concluded.
    before = events[:events.index(concluded)]
    assert {"agreements", "work_experience"} <= {e["application"] for e in before}
    assert all(e["application"] != "work_experience" for e in events[events.index(concluded):])
    for application in {e["application"] for e in events}:
        positions = [e["position"] for e in events if e["application"] == application]
        assert positions == sorted(set(positions))  # each log in notification order


def test_the_idempotency_keys_bookkeeping_is_not_in_the_feed(api, recorded):
    events = feed(api, limit=1000)["events"]

    assert "idempotency" not in {e["application"] for e in events}
    # Nor in the event store at all: the keys live in a table beside the views.
    assert "idempotency" not in {app.name for app in api.system.applications}


def test_following_next_pages_through_the_whole_feed_once_in_the_same_order(api, recorded):
    whole = feed(api, limit=1000)
    pages, cursor, has_more = [], None, True
    while has_more:
        page = feed(api, limit=4, **({"after": cursor} if cursor is not None else {}))
        assert len(page["events"]) <= 4
        pages.extend(page["events"])
        cursor, has_more = page["next"], page["has_more"]

    assert keys(pages) == keys(whole["events"]) and whole["has_more"] is False
    assert cursor == whole["next"]


def test_an_events_cursor_resumes_right_after_it_and_new_events_follow_the_last_next(
        api, recorded):
    events = feed(api, limit=1000)["events"]
    last = feed(api, limit=1000)["next"]

    resumed = feed(api, after=events[4]["cursor"], limit=2)
    nothing_yet = feed(api, after=last)
    api.system.participants.issue_token(Principal(Role.ADMIN), token_for("auditor"))
    new = feed(api, after=last)

    assert keys(resumed["events"]) == keys(events[5:7]) and resumed["has_more"]
    assert (nothing_yet["events"], nothing_yet["next"], nothing_yet["has_more"]) == \
        ([], last, False)
    assert [(e["application"], e["type"]) for e in new["events"]] == \
        [("participants", "Issued")]


def test_one_applications_feed_resumes_from_a_bare_notification_id(api, recorded):
    agreements = feed(api, application="agreements", limit=1000)["events"]

    after_third = feed(api, application="agreements", after="3", limit=1000)

    assert {e["application"] for e in agreements} == {"agreements"}
    assert keys(after_third["events"]) == keys(agreements[3:])
    assert after_third["next"] == f"agreements:{agreements[-1]['position']}"


def test_a_limit_out_of_bounds_or_a_cursor_the_feed_never_gave_is_422(api):
    assert field_rule(api.get(FEED, who="auditor", limit=0), "limit") == "range"
    assert field_rule(api.get(FEED, who="auditor", limit=1001), "limit") == "range"
    for cursor in ("ledger:5", "agreements:x", "5", "agreements:" + "9" * 19):
        assert field_rule(api.get(FEED, who="auditor", after=cursor), "after") == "cursor"
    assert field_rule(api.get(FEED, who="auditor", application="idempotency"),
                      "application") == "choice"

"""Suspension (rule 8), termination and its revocation (rule 9) and completion (rule 10)
over HTTP, and a whole agreement's life through HTTP only."""

from datetime import date

from domain.shared.identifiers import compose_bin, compose_iin
from tests.application.agreements.fixtures import record_practice
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import (
    AGREEMENTS,
    agreement_body,
    field_rule,
    problem_of,
    url,
)

api = fixtures.api

START, END = date(2026, 1, 12), date(2026, 10, 30)  # a term that has ended by TODAY


def suspension(start="2026-10-01", expected_return="2026-10-20"):
    return {"start_date": start, "reason": "Illness", "expected_return": expected_return}


def termination(effective="2026-10-31", reason_code="expulsion"):
    return {"reason_code": reason_code, "effective_date": effective,
            "comment": "Order No. 7 of the college"}


# Suspension --------------------------------------------------------------------------

def test_a_suspension_is_201_and_the_return_200_with_the_agreement_active_again(api):
    agreement = api.active()

    suspended = api.post(url(agreement, "suspensions"), suspension())
    resumed = api.post(url(agreement, "resumptions"), {"date": "2026-10-15"}, who="enterprise")

    assert suspended.status_code == 201 and suspended.json["status"] == "suspended"
    assert suspended.headers["Location"] == url(agreement)
    assert resumed.status_code == 200 and resumed.json["status"] == "active"
    assert resumed.json["suspensions"] == [{"start_date": "2026-10-01", "reason": "Illness",
                                            "expected_return": "2026-10-20",
                                            "resumed_on": "2026-10-15"}]


def test_a_suspension_over_recorded_practice_is_201(api):
    agreement = api.active(start=START, end=END)
    record_practice(api.system, agreement, date(2026, 2, 2), date(2026, 3, 31))

    answer = api.post(url(agreement, "suspensions"), suspension("2026-03-01", "2026-04-01"))

    assert answer.status_code == 201 and answer.json["practice_periods"][0]["end_date"] == "2026-03-31"


def test_an_expected_return_before_the_start_is_422_naming_it(api):
    answer = api.post(url(api.active(), "suspensions"), suspension(expected_return="2026-09-30"))

    assert field_rule(answer, "expected_return") == "return_before_start"


def test_only_a_suspended_agreement_resumes(api):
    answer = api.post(url(api.active(), "resumptions"), {"date": "2026-10-15"})

    assert problem_of(answer) == (409, "agreement_status")


# Termination -------------------------------------------------------------------------

def test_a_termination_is_201_and_then_nothing_more_is_recorded(api):
    agreement = api.active()

    answer = api.post(url(agreement, "termination"), termination())
    briefing = api.post(url(agreement, "safety-briefings"),
                        {"date": "2026-11-01", "instructor": "A. Bekov"}, who="enterprise")

    assert answer.status_code == 201 and answer.json["status"] == "terminated"
    assert answer.json["termination"] == {
        "reason_code": "expulsion", "effective_date": "2026-10-31", "initiated_by": "college",
        "comment": "Order No. 7 of the college", "recorded_on": "2026-11-23",
        "revoked_on": None, "revocation_reason": None}
    assert problem_of(briefing) == (409, "agreement_status")


def test_a_termination_needs_a_known_reason_code_and_an_effective_date_after_the_start(api):
    agreement = api.active()

    unknown = api.post(url(agreement, "termination"), termination(reason_code="bored"))
    early = api.post(url(agreement, "termination"), termination(effective="2026-08-31"))

    assert field_rule(unknown, "reason_code") == "choice"
    assert problem_of(early) == (409, "termination_before_start")


def test_a_draft_is_cancelled_not_terminated(api):
    assert problem_of(api.post(url(api.draft(), "termination"), termination())) == \
        (409, "agreement_status")


def test_a_trainee_may_not_terminate(api):
    answer = api.post(url(api.active(), "termination"), termination(), who="trainee")

    assert problem_of(answer) == (403, "forbidden")


def test_the_initiator_revokes_a_mistaken_termination_and_the_history_keeps_both(api):
    agreement = api.active()
    api.post(url(agreement, "termination"), termination())

    answer = api.post(url(agreement, "termination/revocation"), {"reason": "Wrong student"})

    assert answer.status_code == 200 and answer.json["status"] == "active"
    assert answer.json["termination"] is None
    revoked = answer.json["terminations"][0]
    assert (revoked["revoked_on"], revoked["revocation_reason"]) == \
        ("2026-11-23", "Wrong student")
    types = [e["type"] for e in api.get(url(agreement, "history")).json]
    assert types[-2:] == ["Terminated", "TerminationRevoked"]


def test_only_the_initiating_party_revokes_a_termination(api):
    agreement = api.active()
    api.post(url(agreement, "termination"), termination())

    answer = api.post(url(agreement, "termination/revocation"), {"reason": "No"},
                      who="enterprise")

    assert problem_of(answer) == (409, "revocation_party")


# Completion --------------------------------------------------------------------------

def test_the_college_completes_an_agreement_after_its_term_end(api):
    agreement = api.active(start=START, end=END)

    answer = api.post(url(agreement, "completion"), {"date": "2026-11-02"})

    assert answer.status_code == 200
    assert (answer.json["status"], answer.json["completed_on"]) == ("completed", "2026-11-02")


def test_completion_before_the_term_end_is_409(api):
    answer = api.post(url(api.active(), "completion"), {"date": "2026-11-20"})

    assert problem_of(answer) == (409, "completion_before_end")
    assert "2027-06-30" in answer.json["detail"]


def test_only_the_college_completes_and_with_the_current_version(api):
    agreement = api.active(start=START, end=END)

    by_enterprise = api.post(url(agreement, "completion"), {"date": "2026-11-02"},
                             who="enterprise")
    stale = api.post(url(agreement, "completion"), {"date": "2026-11-02"}, If_Match='"1"')

    assert problem_of(by_enterprise) == (403, "forbidden")
    assert problem_of(stale) == (412, "stale_version")


# A whole life, through HTTP only -----------------------------------------------------

COLLEGE = compose_bin(2012, 9, serial=777).value
ENTERPRISE = compose_bin(2014, 3, serial=888).value
TRAINEE = compose_iin(date(2005, 6, 6), male=True, serial=606).value
MENTOR = compose_iin(date(1979, 3, 3), male=False, serial=303).value


def test_register_sign_mentor_brief_practise_and_complete_through_http_only(api):
    admin, college = ("admin", None), ("college", COLLEGE)
    enterprise, trainee = ("enterprise", ENTERPRISE), ("trainee", TRAINEE)
    for bin_, kind, extra in ((COLLEGE, "college", {}), (ENTERPRISE, "enterprise",
                                                         {"size": "large", "oked": "24.10"})):
        assert api.post("/api/v1/organisations", {"bin": bin_, "name": f"A {kind}",
                                                  "kind": kind, "region": "35", **extra},
                        who=admin).status_code == 201
    assert api.post(f"/api/v1/enterprises/{ENTERPRISE}/mentors", {
        "iin": MENTOR, "full_name": "Gulnara Abenova", "position": "Foreman",
        "qualification": "Welder, grade 6", "experience_years": 20}, who=enterprise
    ).status_code == 201
    registered = api.post(AGREEMENTS, agreement_body(
        number="DT-LIFE", college_bin=COLLEGE, enterprise_bin=ENTERPRISE,
        trainee={"iin": TRAINEE, "full_name": "Yerlan Omarov"},
        start_date=START.isoformat(), end_date=END.isoformat()), who=college)
    location, etag = registered.headers["Location"], registered.headers["ETag"]

    steps = [
        ("signatures", {"party": "college"}, college),
        ("signatures", {"party": "enterprise"}, enterprise),
        ("signatures", {"party": "trainee"}, trainee),
        ("mentor", {"mentor_iin": MENTOR, "from_date": "2026-01-12"}, enterprise),
        ("safety-briefings", {"date": "2026-01-12", "instructor": "A. Bekov"}, enterprise),
        ("practice-periods", {"start_date": "2026-02-02", "end_date": "2026-09-30",
                              "position": "Welder", "duties": "Welding"}, enterprise),
        ("completion", {"date": "2026-11-02"}, college),
    ]
    for path, body, who in steps:
        answer = api.post(f"{location}/{path}", body, who=who, If_Match=etag)
        assert answer.status_code in (200, 201), (path, answer.json)
        etag = answer.headers["ETag"]

    final = api.get(location, who=trainee).json
    assert (final["status"], final["completed_on"]) == ("completed", "2026-11-02")
    assert final["current_mentor_iin"] == MENTOR and len(final["practice_periods"]) == 1
    history = api.get(f"{location}/history", who=("auditor", None)).json
    assert [e["type"] for e in history] == [
        "Registered", "Signed", "Signed", "Signed", "Activated", "MentorAssigned",
        "SafetyBriefingRecorded", "PracticePeriodRecorded", "Completed"]

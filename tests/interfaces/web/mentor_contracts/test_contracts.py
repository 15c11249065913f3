"""Mentor service contracts over HTTP: concluding and reading one, its history, and service
acts with their approval and rejection (DOMAIN.md, MentorServiceContract rules 1-2).
Payments are in ``test_mentor_payments_api``."""

from datetime import UTC, datetime, timedelta

import pytest

from application.mentor_payments.commands import ConcludeContract, SubmitAct
from application.security import Principal
from domain.mentor_payments.contract import MentorServiceContract
from domain.shared.audit import Role
from interfaces.web.resources.mentor_contracts.schemas import ActIn, ContractIn
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    OTHER_MENTOR_IIN,
    new_trainee_iin,
)
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import Api, field_rule, problem_of

api = fixtures.api

CONTRACTS = "/api/v1/mentor-contracts"
COLLEGE = Principal(Role.COLLEGE, COLLEGE_BIN)
MENTOR = Principal(Role.MENTOR, MENTOR_IIN)


def contract_body(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "number": "MS-2026-001", "college_bin": COLLEGE_BIN, "mentor_iin": MENTOR_IIN,
        "enterprise_bin": ENTERPRISE_BIN, "start_date": "2026-09-01", "end_date": "2027-06-30",
        "rate_type": "monthly_per_trainee", "rate": "20000.00", "ceiling": "100000.00"}
    body.update(changes)
    return body


def act_body(agreement, month: str = "2026-10", hours: object = 24) -> dict[str, object]:
    return {"month": month, "agreement_ids": [str(agreement.id)], "hours": hours}


def conclude(api: Api, **changes: object) -> MentorServiceContract:
    """Through the application, with the command the API builds from this body."""
    command = ConcludeContract(**ContractIn().load(contract_body(**changes)))
    return api.system.payments.conclude_contract(COLLEGE, command).aggregate


def submit(api: Api, contract, agreement, **act: object) -> MentorServiceContract:
    command = SubmitAct(contract.id, **ActIn().load(act_body(agreement, **act)))
    return api.system.payments.submit_act(MENTOR, command).aggregate


@pytest.fixture
def agreement(api: Api):
    """An active agreement of COLLEGE_BIN and ENTERPRISE_BIN mentored by MENTOR_IIN from
    2026-09-01 (business today is 2026-11-23)."""
    return api.active()


@pytest.fixture
def contract(api: Api, agreement) -> MentorServiceContract:
    """Concluded through the application, so that each test calls HTTP only for its subject."""
    return conclude(api)


def url(contract: MentorServiceContract, *parts: str) -> str:
    return "/".join([CONTRACTS, str(contract.id), *parts])


# Concluding and reading --------------------------------------------------------------

def test_a_college_concludes_a_contract_and_gets_201_with_location_etag_and_its_terms(
        api, agreement):
    answer = api.post(CONTRACTS, contract_body())

    assert answer.status_code == 201
    body = answer.json
    assert answer.headers["Location"] == f"{CONTRACTS}/{body['id']}"
    assert answer.headers["ETag"] == '"1"' and body["version"] == 1
    assert {k: body[k] for k in contract_body()} == contract_body()
    assert (body["acts"], body["payments"]) == ([], [])
    assert (body["approved_total"], body["paid_total"], body["approved_unpaid"]) == \
        ("0.00", "0.00", "0.00")


def test_each_invalid_contract_field_is_422_naming_its_rule(api, agreement):
    wrong_iin = MENTOR_IIN[:11] + str((int(MENTOR_IIN[11]) + 1) % 10)
    body = contract_body(mentor_iin=wrong_iin, rate="-5", rate_type="daily",
                         start_date="01.09.2026")
    del body["ceiling"]

    answer = api.post(CONTRACTS, body)

    assert field_rule(answer, "mentor_iin") == "check_digit"
    assert field_rule(answer, "rate") == "positive"
    assert field_rule(answer, "rate_type") == "choice"
    assert field_rule(answer, "start_date") == "date"
    assert field_rule(answer, "ceiling") == "required"


@pytest.mark.parametrize(("field", "value", "rule"), [
    ("college_bin", "123", "length"), ("mentor_iin", "880101300124", None),
    ("start_date", "2026-02-30", "date"), ("end_date", "2026-08-01", "end_before_start"),
    ("rate_type", "weekly", "choice"), ("rate", "-1", "positive"), ("rate", 2500.5, "type"),
    ("ceiling", "0", "positive"), ("ceiling", "lots", "format"), ("number", " ", "length"),
])
def test_a_malformed_contract_value_is_422_naming_the_field(api, agreement, field, value,
                                                             rule):
    answer = api.post(CONTRACTS, contract_body(**{field: value}))

    assert answer.status_code == 422
    assert field_rule(answer, field) == rule if rule else field_rule(answer, field)


def test_a_mentor_not_registered_at_the_enterprise_is_422_unknown_mentor(api, agreement):
    answer = api.post(CONTRACTS, contract_body(mentor_iin=OTHER_MENTOR_IIN))

    assert field_rule(answer, "mentor_iin") == "unknown_mentor"


def test_a_second_contract_with_the_same_number_at_the_college_is_409(api, contract):
    assert problem_of(api.post(CONTRACTS, contract_body())) == (409, "duplicate")
    padded = contract_body(number=" MS-2026-001 ")
    assert problem_of(api.post(CONTRACTS, padded)) == (409, "duplicate")


def test_an_enterprise_may_not_conclude_a_contract_and_no_token_is_401(api, agreement):
    assert problem_of(api.post(CONTRACTS, contract_body(), who="enterprise")) == \
        (403, "forbidden")
    assert api.post(CONTRACTS, contract_body(), who=None).status_code == 401


def test_another_college_gets_404_and_the_enterprise_and_a_monitor_403(api, contract):
    assert problem_of(api.get(url(contract), who="other_college")) == (404, "not_found")
    assert problem_of(api.get(url(contract), who="enterprise")) == (403, "forbidden")
    assert problem_of(api.get(url(contract), who="monitor")) == (403, "forbidden")


def test_the_mentor_reads_the_contract_now_at_a_version_and_as_of_a_moment(
        api, contract, agreement):
    before_the_act = datetime.now(UTC)
    submit(api, contract, agreement)

    now = api.get(url(contract), who="mentor")
    first = api.get(url(contract), who="mentor", version=1)
    earlier = api.get(url(contract), who="auditor", as_of=before_the_act.isoformat())

    assert (now.status_code, now.headers["ETag"], len(now.json["acts"])) == (200, '"2"', 1)
    assert (first.headers["ETag"], first.json["acts"]) == ('"1"', [])
    assert earlier.json["version"] == 1
    assert api.get(url(contract), version=3).status_code == 404
    too_early = (before_the_act - timedelta(days=1)).isoformat()
    assert api.get(url(contract), as_of=too_early).status_code == 404
    assert field_rule(api.get(url(contract), version=1, as_of=too_early), "_request") == \
        "exclusive"


def test_the_history_lists_each_event_with_its_actor_and_json_safe_data(
        api, contract, agreement):
    submit(api, contract, agreement, hours="12.5")

    answer = api.get(url(contract, "history"), who="mentor")

    assert answer.status_code == 200
    concluded, submitted = answer.json
    assert (concluded["version"], concluded["type"]) == (1, "Concluded")
    assert concluded["actor"] == {"role": "college", "id": COLLEGE_BIN}
    assert concluded["data"]["term"] == {"start_date": "2026-09-01", "end_date": "2027-06-30"}
    assert (concluded["data"]["rate"], concluded["data"]["rate_type"]) == \
        ("20000.00", "monthly_per_trainee")
    assert concluded["data"]["mentor_iin"] == MENTOR_IIN
    assert (submitted["type"], submitted["actor"]) == \
        ("ActSubmitted", {"role": "mentor", "id": MENTOR_IIN})
    assert submitted["data"]["agreement_ids"] == [str(agreement.id)]
    assert (submitted["data"]["month"], submitted["data"]["hours"]) == ("2026-10", "12.5")
    assert submitted["data"]["amount"] == "20000.00"


# Service acts ------------------------------------------------------------------------

def test_the_mentor_submits_an_act_and_gets_201_with_its_number_amount_and_location(
        api, contract, agreement):
    answer = api.post(url(contract, "acts"), act_body(agreement), who="mentor")

    assert answer.status_code == 201
    assert answer.headers["Location"] == url(contract, "acts", "1")
    assert answer.headers["ETag"] == '"2"'
    body = answer.json
    assert (body["number"], body["amount"], body["status"]) == (1, "20000.00", "submitted")
    assert (body["month"], body["hours"], body["submitted_by"]) == ("2026-10", "24", "mentor")
    assert body["contract"]["version"] == 2
    shown = api.get(answer.headers["Location"], who="mentor")
    assert (shown.status_code, shown.json["number"], shown.headers["ETag"]) == (200, 1, '"2"')
    assert api.get(url(contract, "acts", "2")).status_code == 404


def test_billing_an_agreement_month_twice_is_409_even_on_another_contract(
        api, contract, agreement):
    submit(api, contract, agreement)
    other = conclude(api, number="MS-2")

    answer = api.post(url(other, "acts"), act_body(agreement), who="mentor")

    assert problem_of(answer) == (409, "double_billing")
    assert "MS-2026-001" in answer.json["detail"]


def test_an_agreement_the_mentor_does_not_mentor_cannot_be_billed(api, contract):
    unmentored = api.active(trainee_iin=new_trainee_iin(), mentor_iin=OTHER_MENTOR_IIN)

    answer = api.post(url(contract, "acts"), act_body(unmentored), who="mentor")

    assert problem_of(answer) == (409, "not_assigned_mentor")


def test_an_act_with_a_malformed_month_agreement_id_or_hours_is_422_naming_each(
        api, contract):
    body = {"month": "2026-13", "agreement_ids": ["not-a-uuid"], "hours": "-3"}

    answer = api.post(url(contract, "acts"), body, who="mentor")

    assert field_rule(answer, "month") == "month"
    assert field_rule(answer, "agreement_ids.0") == "invalid_uuid"
    assert field_rule(answer, "hours") == "positive"


@pytest.mark.parametrize(("field", "changes"), [
    ("agreement_ids", {"agreement_ids": "abc"}), ("agreement_ids", {"agreement_ids": []}),
    ("hours", {"hours": "ten"}), ("hours", {"hours": "0"}),
])
def test_an_act_without_agreements_or_hours_is_422_naming_the_field(api, contract, agreement,
                                                                    field, changes):
    answer = api.post(url(contract, "acts"), {**act_body(agreement), **changes}, who="mentor")

    assert answer.status_code == 422 and field_rule(answer, field)


def test_the_college_approves_an_act_and_a_stale_if_match_is_412(api, contract, agreement):
    submit(api, contract, agreement)
    approval = url(contract, "acts", "1", "approval")

    stale = api.post(approval, None, If_Match='"1"')
    approved = api.post(approval, None, If_Match='"2"')

    assert problem_of(stale) == (412, "stale_version")
    assert approved.status_code == 200 and approved.headers["ETag"] == '"3"'
    assert approved.json["acts"][0]["status"] == "approved"
    assert (approved.json["approved_total"], approved.json["approved_unpaid"]) == \
        ("20000.00", "20000.00")
    assert problem_of(api.post(approval, None)) == (409, "act_decided")


def test_only_the_college_decides_acts_and_an_unknown_act_is_404(api, contract, agreement):
    submit(api, contract, agreement)

    assert problem_of(api.post(url(contract, "acts", "1", "approval"), None, who="mentor")) \
        == (403, "forbidden")
    assert problem_of(api.post(url(contract, "acts", "1", "approval"), None,
                               who="other_college")) == (404, "not_found")
    assert problem_of(api.post(url(contract, "acts", "9", "approval"), None)) == \
        (404, "not_found")


def test_a_rejected_act_keeps_its_reason_and_its_months_may_be_billed_again(
        api, contract, agreement):
    submit(api, contract, agreement)
    rejection = url(contract, "acts", "1", "rejection")

    missing = api.post(rejection, {})
    rejected = api.post(rejection, {"reason": "hours exceed the timesheet"})
    again = api.post(url(contract, "acts"), act_body(agreement, hours=20), who="mentor")

    assert field_rule(missing, "reason") == "required"
    assert rejected.status_code == 200
    assert rejected.json["acts"][0]["status"] == "rejected"
    assert rejected.json["acts"][0]["rejection_reason"] == "hours exceed the timesheet"
    assert (again.status_code, again.json["number"]) == (201, 2)


def test_a_rejection_needs_a_reason_that_is_not_blank(api, contract, agreement):
    submit(api, contract, agreement)

    answer = api.post(url(contract, "acts", "1", "rejection"), {"reason": "  "})

    assert field_rule(answer, "reason") == "length"


def test_a_malformed_point_in_time_is_422_and_a_malformed_id_or_act_number_404(
        api, contract):
    assert field_rule(api.get(url(contract), who="mentor", as_of="yesterday"),
                      "as_of") is not None
    assert api.get(f"{CONTRACTS}/not-a-contract-id", who="mentor").status_code == 404
    assert api.post(url(contract, "acts", "first", "approval"), {}).status_code == 404

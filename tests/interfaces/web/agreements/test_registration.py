"""Registering agreements over HTTP (POST /agreements), a draft's terms and its
cancellation; reading them is in ``test_agreements_api_reading``."""

from datetime import timedelta

from domain.shared.identifiers import compose_iin
from interfaces.web.problems import PROBLEM_JSON
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    REPRESENTATIVE_IIN,
)
from tests.conftest import TODAY
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import (
    AGREEMENTS,
    MINOR_IIN,
    TRAINEE_IIN,
    agreement_body,
    field_rule,
    problem_of,
    url,
)

api = fixtures.api


# Registration ------------------------------------------------------------------------

def test_a_college_registers_a_draft_and_gets_201_with_location_etag_and_every_term(api):
    answer = api.post(AGREEMENTS, agreement_body())

    assert answer.status_code == 201
    body = answer.json
    assert answer.headers["Location"] == f"{AGREEMENTS}/{body['id']}"
    assert answer.headers["ETag"] == '"1"'
    assert (body["status"], body["version"], body["number"]) == ("draft", 1, "DT-2026-001")
    assert (body["college_bin"], body["enterprise_bin"], body["region"]) == \
        (COLLEGE_BIN, ENTERPRISE_BIN, "35")
    assert body["trainee"] == {"iin": TRAINEE_IIN, "full_name": "Dana Akhmetova"}
    assert body["legal_representative"] is None
    assert (body["start_date"], body["end_date"], body["planned_practice_months"]) == \
        ("2026-09-01", "2027-06-30", 8)
    assert body["required_parties"] == ["college", "enterprise", "trainee"]
    assert body["signed_by"] == [] and body["terms_version"] == 1
    assert body["compensation_total"] == "0.00" and body["practice_plan_flagged"] is False


def test_the_enterprise_that_is_a_party_may_register_the_agreement_too(api):
    answer = api.post(AGREEMENTS, agreement_body(), who="enterprise")

    assert answer.status_code == 201


def test_a_trainee_iin_with_a_wrong_check_digit_is_422_naming_trainee_iin(api):
    wrong = TRAINEE_IIN[:11] + str((int(TRAINEE_IIN[11]) + 1) % 10)

    answer = api.post(AGREEMENTS, agreement_body(trainee={"iin": wrong, "full_name": "Dana"}))

    assert answer.content_type == PROBLEM_JSON
    assert field_rule(answer, "trainee.iin") == "check_digit"


def test_a_trainee_or_representative_born_in_the_future_is_422_and_nothing_is_recorded(api):
    unborn = compose_iin(TODAY + timedelta(days=30), male=False, serial=4401).value
    minor = {"iin": MINOR_IIN, "full_name": "Arman Seitkali"}

    as_trainee = api.post(AGREEMENTS, agreement_body(trainee={"iin": unborn,
                                                              "full_name": "Dana"}))
    as_representative = api.post(AGREEMENTS, agreement_body(
        number="F-2", trainee=minor,
        legal_representative={"iin": unborn, "full_name": "Aigul Seitkali"}))

    assert field_rule(as_trainee, "trainee.iin") == "birth_date_in_future"
    assert field_rule(as_representative, "legal_representative.iin") == "birth_date_in_future"
    assert api.get(AGREEMENTS).json["items"] == []


def test_each_invalid_field_is_named_with_its_rule(api):
    body = agreement_body(college_bin="220940000008", start_date="01.09.2026",
                          planned_practice_months=0, colour="red")
    del body["workplace"]

    answer = api.post(AGREEMENTS, body)

    assert field_rule(answer, "college_bin") == "check_digit"
    assert field_rule(answer, "start_date") == "date"
    assert field_rule(answer, "planned_practice_months") == "range"
    assert field_rule(answer, "colour") == "unknown_field"
    assert field_rule(answer, "workplace") == "required"


def test_a_term_ending_before_it_starts_is_422_on_end_date(api):
    answer = api.post(AGREEMENTS, agreement_body(end_date="2026-08-31"))

    assert field_rule(answer, "end_date") == "end_before_start"


def test_a_minor_trainee_needs_a_legal_representative_who_then_must_sign(api):
    minor = {"iin": MINOR_IIN, "full_name": "Arman Seitkali"}
    refused = api.post(AGREEMENTS, agreement_body(trainee=minor))

    accepted = api.post(AGREEMENTS, agreement_body(trainee=minor, legal_representative={
        "iin": REPRESENTATIVE_IIN, "full_name": "Aigul Seitkali"}))

    assert field_rule(refused, "legal_representative") == "representative_required"
    assert accepted.status_code == 201, accepted.json
    assert accepted.json["required_parties"][-1] == "legal_representative"


def test_a_number_the_college_already_used_is_409_duplicate_number(api):
    api.post(AGREEMENTS, agreement_body())

    answer = api.post(AGREEMENTS, agreement_body())

    assert problem_of(answer) == (409, "duplicate_number")
    assert "DT-2026-001" in answer.json["detail"]


def test_an_auditor_may_not_register_agreements(api):
    assert problem_of(api.post(AGREEMENTS, agreement_body(), who="auditor")) == (403, "forbidden")


def test_a_college_may_not_register_another_colleges_agreement(api):
    answer = api.post(AGREEMENTS, agreement_body(), who="other_college")

    assert problem_of(answer) == (403, "forbidden")


def test_without_a_token_registration_is_401(api):
    assert problem_of(api.post(AGREEMENTS, agreement_body(), who=None)) == (401, "missing_token")


def test_malformed_json_is_400(api):
    answer = api.client.post(AGREEMENTS, data='{"number": "DT-', content_type="application/json",
                             headers=api.headers("college"))

    assert problem_of(answer) == (400, "malformed_json")


def test_the_same_idempotency_key_replays_the_registration_and_records_it_once(api):
    first = api.post(AGREEMENTS, agreement_body(), Idempotency_Key="register-1")

    again = api.post(AGREEMENTS, agreement_body(), Idempotency_Key="register-1")

    assert again.status_code == 201 and again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert len(api.get(first.headers["Location"] + "/history").json) == 1


# A draft's terms and its cancellation ------------------------------------------------

def test_changing_a_drafts_terms_answers_200_with_a_new_terms_version_and_no_signatures(api):
    agreement = api.draft()
    api.post(url(agreement, "signatures"), {"party": "college"})

    answer = api.post(url(agreement, "terms"), {"changes": {"workplace": "Shop 3",
                                                            "end_date": "2027-05-31"}},
                      who="enterprise")

    assert answer.status_code == 200 and answer.headers["ETag"] == '"3"'
    assert (answer.json["workplace"], answer.json["end_date"]) == ("Shop 3", "2027-05-31")
    assert answer.json["terms_version"] == 2 and answer.json["signed_by"] == []


def test_changes_to_terms_name_the_field_and_the_rule(api):
    agreement = api.draft()

    unknown = api.post(url(agreement, "terms"), {"changes": {"salary": "1"}})
    nothing = api.post(url(agreement, "terms"), {"changes": {"workplace": "Welding shop No. 2"}})

    assert field_rule(unknown, "changes.salary") == "unknown_field"
    assert field_rule(nothing, "changes") == "no_change"


def test_the_terms_of_an_active_agreement_change_only_by_amendment(api):
    agreement = api.active()

    answer = api.post(url(agreement, "terms"), {"changes": {"workplace": "Shop 3"}})

    assert problem_of(answer) == (409, "agreement_status")
    assert "amendment" in answer.json["detail"]


def test_the_college_cancels_a_draft_with_a_reason(api):
    agreement = api.draft()

    answer = api.post(url(agreement, "cancellation"), {"reason": "The trainee moved away"})

    assert answer.status_code == 200
    assert answer.json["status"] == "cancelled"
    assert answer.json["cancellation_reason"] == "The trainee moved away"


def test_only_the_college_cancels_and_only_a_draft(api):
    draft, active = api.draft(), api.active(number="DT-ACTIVE")

    by_enterprise = api.post(url(draft, "cancellation"), {"reason": "x"}, who="enterprise")
    of_active = api.post(url(active, "cancellation"), {"reason": "x"})

    assert problem_of(by_enterprise) == (403, "forbidden")
    assert problem_of(of_active) == (409, "agreement_status")

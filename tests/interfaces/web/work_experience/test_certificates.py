"""Work-experience certificates (the Annex) over HTTP (DOMAIN.md, WorkExperienceCredit rule 3):
issued for a closed agreement, checked by number, corrected by a superseding one."""

import re
from dataclasses import replace
from datetime import date

import pytest

from application.agreements import commands as c
from infrastructure.settings import Settings
from interfaces.web import create_app, limits
from tests.application.agreements.fixtures import principals, record_practice
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MINOR_IIN,
    TRAINEE_IIN,
    field_rule,
    problem_of,
    url,
)

api = fixtures.api

CERTIFICATES = "/api/v1/certificates"


@pytest.fixture
def completed(api):
    """Completed on 2026-10-30 after 8 months of practice (February to September 2026)."""
    agreement = api.active(start=date(2026, 1, 12), end=date(2026, 10, 30))
    record_practice(api.system, agreement, date(2026, 2, 1), date(2026, 9, 30))
    return api.system.agreements.complete(principals(agreement).college, c.Complete(agreement.id, date(2026, 10, 30))).aggregate


def issue(api, agreement, who="enterprise"):
    return api.post(url(agreement, "certificate"), None, who=who)


def test_the_enterprise_issues_the_certificate_201_with_its_location_and_the_annex(
        api, completed):
    answer = issue(api, completed)

    assert answer.status_code == 201
    body = answer.json
    number = f"WEC-{COLLEGE_BIN}-{completed.number}-1"
    assert body["number"] == number
    assert answer.headers["Location"] == f"{CERTIFICATES}/{number}"
    assert answer.headers["X-Position"].startswith("work_experience:")
    assert (body["agreement_id"], body["trainee_iin"], body["enterprise_bin"]) == \
        (str(completed.id), TRAINEE_IIN, ENTERPRISE_BIN)
    assert body["periods"] == [{"start_date": "2026-02-01", "end_date": "2026-09-30",
                                "days": 242}]
    assert body["total"] == body["credited"] == {"months": 8, "days": 0}
    assert (body["agreement_status"], body["closed_on"], body["issued_on"]) == \
        ("completed", "2026-10-30", "2026-11-23")
    assert (body["valid"], body["reason"], body["supersedes"]) == (True, None, None)


def test_its_parties_read_the_certificate_by_its_number_and_the_credit_lists_it(
        api, completed):
    location = issue(api, completed).headers["Location"]

    checked = api.get(location, who="college")
    credit = api.get(f"/api/v1/trainees/{TRAINEE_IIN}/work-experience", who="trainee")

    assert checked.status_code == 200 and checked.json["valid"] is True
    assert all(api.get(location, who=who).status_code == 200
               for who in ("enterprise", "trainee", "auditor"))
    assert (credit.json["status"], credit.json["credited"]) == \
        ("credited", {"months": 8, "days": 0})
    assert [c["number"] for c in credit.json["certificates"]] == [checked.json["number"]]


def test_a_correction_supersedes_the_certificate_and_both_stay_on_record(api, completed):
    first = issue(api, completed).json["number"]

    corrected = api.post(f"{CERTIFICATES}/{first}/correction",
                         {"reason": "the practice dates were misprinted"}, who="college")
    old = api.get(f"{CERTIFICATES}/{first}", who="enterprise")

    assert corrected.status_code == 201
    second = corrected.json["number"]
    assert second != first and corrected.headers["Location"] == f"{CERTIFICATES}/{second}"
    assert (corrected.json["supersedes"], corrected.json["correction_reason"]) == \
        (first, "the practice dates were misprinted")
    assert (old.json["valid"], old.json["superseded_by"]) == (False, second)
    again = api.post(f"{CERTIFICATES}/{first}/correction", {"reason": "again"})
    assert problem_of(again) == (409, "certificate_superseded")


def test_a_correction_needs_a_reason(api, completed):
    first = issue(api, completed).json["number"]

    answer = api.post(f"{CERTIFICATES}/{first}/correction", {"reason": "  "})

    assert field_rule(answer, "reason") == "length"


def test_a_second_certificate_for_the_same_agreement_is_409_naming_the_first(api, completed):
    first = issue(api, completed).json["number"]

    answer = issue(api, completed, who="college")

    assert problem_of(answer) == (409, "certificate_already_issued")
    assert first in answer.json["detail"]


def test_an_agreement_still_running_gets_no_certificate(api):
    running = api.active()

    assert problem_of(issue(api, running)) == (409, "agreement_not_closed")


def test_only_the_agreements_organisations_issue_a_certificate(api, completed):
    assert problem_of(issue(api, completed, who="trainee")) == (403, "forbidden")
    assert problem_of(issue(api, completed, who="other_enterprise")) == (404, "not_found")
    assert issue(api, completed, who=None).status_code == 401


def test_an_unknown_certificate_is_404_and_a_monitor_may_not_read_one(api, completed):
    number = issue(api, completed).json["number"]

    assert problem_of(api.get(f"{CERTIFICATES}/WEC-NOPE-1")) == (404, "not_found")
    assert problem_of(api.get(f"{CERTIFICATES}/{number}", who="monitor")) == \
        (403, "forbidden")
    assert problem_of(api.post(f"{CERTIFICATES}/WEC-NOPE-1/correction",
                               {"reason": "typo"})) == (404, "not_found")


# Verification without a token (API.md: number and code; no IIN, no name) -------------

VERIFY = "/api/v1/certificate-verification"
CODE = re.compile(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")


def verify(api, number, code, **headers):
    return api.client.get(VERIFY, query_string={"number": number, "code": code},
                          headers=headers)


def test_the_certificate_carries_a_code_of_12_unambiguous_characters_only_its_readers_see(
        api, completed):
    body = issue(api, completed).json
    credit = api.get(f"/api/v1/trainees/{TRAINEE_IIN}/work-experience", who="trainee")

    assert CODE.fullmatch(body["verification_code"])
    assert api.get(f"{CERTIFICATES}/{body['number']}", who="trainee").json[
        "verification_code"] == body["verification_code"]
    # The credit lists the certificate, not its code (read the certificate for that).
    assert [set(c) & {"verification_code"} for c in credit.json["certificates"]] == [set()]


def test_the_number_and_code_verify_without_a_token_the_enterprise_and_the_credit(
        api, completed):
    issued = issue(api, completed).json

    answer = verify(api, issued["number"], issued["verification_code"].lower()
                    .replace("-", " "), **{"Accept-Language": "ru"})

    assert answer.status_code == 200
    assert answer.json == {
        "valid": True, "status": "valid",
        "message": "Справка о трудовом стаже действительна.",
        "number": issued["number"],
        "enterprise": {"bin": ENTERPRISE_BIN, "name": "Qarmet"},
        "credited": {"months": 8, "days": 0}, "issued_on": issued["issued_on"]}


def test_the_verification_holds_no_iin_and_no_name_of_the_trainee(api, completed):
    issued = issue(api, completed).json

    text = verify(api, issued["number"], issued["verification_code"]).get_data(as_text=True)

    assert issued["trainee_iin"] not in text and issued["trainee_name"] not in text
    assert "trainee" not in text


def test_a_wrong_code_and_an_unknown_number_answer_exactly_alike(api, completed):
    issued = issue(api, completed).json
    code = issued["verification_code"]
    wrong = ("3" if code[0] != "3" else "4") + code[1:]

    answers = [verify(api, issued["number"], wrong, **{"Accept-Language": "en"}),
               verify(api, f"WEC-{COLLEGE_BIN}-NO-SUCH-1", code, **{"Accept-Language": "en"}),
               verify(api, issued["number"], "not a code", **{"Accept-Language": "en"})]

    assert {a.status_code for a in answers} == {200}
    assert [a.get_data() for a in answers] == [answers[0].get_data()] * 3
    assert answers[0].json == {
        "valid": False, "status": "unknown", "message": (
            "No certificate has this number and this code. A certificate issued before "
            "verification codes existed can be checked only with the college that "
            "issued it.")}


def test_a_superseded_certificate_verifies_as_not_valid_naming_its_correction(
        api, completed):
    first = issue(api, completed).json
    second = api.post(f"{CERTIFICATES}/{first['number']}/correction",
                      {"reason": "the practice dates were misprinted"}).json

    old = verify(api, first["number"], first["verification_code"], **{"Accept-Language": "kk"})
    new = verify(api, second["number"], second["verification_code"])

    assert second["verification_code"] != first["verification_code"]
    assert (old.json["valid"], old.json["status"], old.json["superseded_by"]) == \
        (False, "superseded", second["number"])
    assert second["number"] in old.json["message"] and old.headers["Content-Language"] == "kk"
    assert (new.json["valid"], new.json["status"]) == (True, "valid")


def test_the_verification_needs_its_number_and_code_and_ignores_a_token(api, completed):
    issued = issue(api, completed).json

    missing = api.client.get(VERIFY, query_string={"number": issued["number"]})
    with_token = api.client.get(VERIFY, query_string={
        "number": issued["number"], "code": issued["verification_code"]},
        headers=api.headers("monitor"))

    assert field_rule(missing, "code") == "required"
    assert with_token.status_code == 200 and with_token.json["valid"] is True


def test_another_college_or_enterprise_reads_no_certificate_404(api, completed):
    number = issue(api, completed).json["number"]

    for who in ("other_college", "other_enterprise", ("trainee", MINOR_IIN)):
        assert problem_of(api.get(f"{CERTIFICATES}/{number}", who=who)) == \
            (404, "not_found"), who


def test_the_check_has_its_own_tighter_limit_per_address(api, completed, settings,
                                                         monkeypatch):
    monkeypatch.setattr(limits, "RATE_LIMITS_ENABLED", True)
    issued = issue(api, completed).json
    client = create_app(api.system, settings=replace(
        settings, rate_limit="100/minute", verification_rate_limit="3/minute")).test_client()
    here, elsewhere = {"REMOTE_ADDR": "10.0.0.9"}, {"REMOTE_ADDR": "10.0.0.10"}

    def check(code, address):
        return client.get(VERIFY, query_string={"number": issued["number"], "code": code},
                          environ_base=address)

    statuses = [check(code, here).status_code
                for code in ("2222-2222-2222", "3333-3333-3333", issued["verification_code"],
                             issued["verification_code"])]
    read = client.get(f"{CERTIFICATES}/{issued['number']}", headers=api.headers("college"),
                      environ_base=here)

    assert statuses == [200, 200, 200, 429]
    assert read.status_code == 200  # the other routes keep the general limit
    assert check(issued["verification_code"], elsewhere).json["valid"] is True


def test_the_verification_limit_is_a_setting():
    assert Settings.from_env({}).verification_rate_limit == "30/minute"
    assert Settings.from_env({"DUALTRACK_VERIFICATION_RATE_LIMIT": "5/minute"}) \
        .verification_rate_limit == "5/minute"

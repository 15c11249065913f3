"""A trainee's work-experience credit over HTTP (DOMAIN.md, WorkExperienceCredit rules 1-2):
GET /api/v1/trainees/{iin}/work-experience, which first catches up with the agreements."""

from datetime import date

from application.agreements import commands as c
from tests.application.agreements.fixtures import new_trainee_iin, principals, record_practice
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import TRAINEE_IIN, problem_of

api = fixtures.api


def credit_url(iin: str = TRAINEE_IIN) -> str:
    return f"/api/v1/trainees/{iin}/work-experience"


def test_the_trainee_reads_its_practice_so_far_in_progress_and_not_yet_credited(api):
    agreement = api.active()
    record_practice(api.system, agreement, date(2026, 9, 1), date(2026, 10, 31))

    answer = api.get(credit_url(), who="trainee")

    assert answer.status_code == 200
    body = answer.json
    assert body["periods"] == [{"start_date": "2026-09-01", "end_date": "2026-10-31",
                                "days": 61}]
    assert (body["total"], body["credited"]) == ({"months": 2, "days": 0},
                                                 {"months": 0, "days": 0})
    assert body["status"] == "in_progress" and "minimum of 6 months" in body["reason"]
    assert body["trainee_iin"] == TRAINEE_IIN and body["certificates"] == []
    assert [a["agreement_id"] for a in body["agreements"]] == [str(agreement.id)]
    assert body["agreements"][0]["status"] == "active"


def test_suspended_days_are_cut_out_of_the_practice(api):
    agreement = api.active()
    record_practice(api.system, agreement, date(2026, 9, 1), date(2026, 9, 30))
    enterprise = principals(agreement).enterprise
    api.system.agreements.suspend(enterprise, c.Suspend(agreement.id, date(2026, 10, 1), "illness", date(2026, 11, 1)))

    body = api.get(credit_url(), who="trainee").json

    assert body["agreements"][0]["status"] == "suspended"
    assert body["total"] == {"months": 1, "days": 0}


def test_the_agreements_organisations_read_the_credit_and_others_get_404(api):
    api.active()

    assert api.get(credit_url(), who="college").status_code == 200
    assert api.get(credit_url(), who="enterprise").status_code == 200
    assert api.get(credit_url(), who="auditor").status_code == 200
    assert problem_of(api.get(credit_url(), who="other_enterprise")) == (404, "not_found")
    other_trainee = ("trainee", new_trainee_iin())
    assert problem_of(api.get(credit_url(), who=other_trainee)) == (404, "not_found")


def test_a_monitor_may_not_read_a_credit_and_no_token_is_401(api):
    api.active()

    assert problem_of(api.get(credit_url(), who="monitor")) == (403, "forbidden")
    assert api.get(credit_url(), who=None).status_code == 401


def test_a_trainee_without_agreements_has_no_practice(api):
    answer = api.get(credit_url(), who="trainee")

    assert answer.status_code == 200
    assert (answer.json["status"], answer.json["periods"], answer.json["total"]) == \
        ("no_practice", [], {"months": 0, "days": 0})


def test_an_iin_that_fails_its_checks_names_no_trainee(api):
    wrong = TRAINEE_IIN[:11] + str((int(TRAINEE_IIN[11]) + 1) % 10)

    assert api.get(credit_url(wrong), who="auditor").status_code == 404


def test_the_credit_carries_the_etag_of_the_credit_aggregate(api):
    agreement = api.active()
    before = api.get(credit_url(), who="trainee")
    record_practice(api.system, agreement, date(2026, 9, 1), date(2026, 10, 31))

    after = api.get(credit_url(), who="trainee")

    credit = api.system.work_experience._find_credit(agreement.trainee_iin)
    assert after.headers["ETag"] == f'"{credit.version}"'
    assert int(before.headers["ETag"].strip('"')) < credit.version


def test_a_trainee_without_a_credit_has_the_etag_of_nothing_recorded(api):
    assert api.get(credit_url(new_trainee_iin()), who="auditor").headers["ETag"] == '"0"'

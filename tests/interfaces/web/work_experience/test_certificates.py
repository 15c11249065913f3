"""Work-experience certificates (the Annex) over HTTP (DOMAIN.md, WorkExperienceCredit rule 3):
issued for a closed agreement, checked by number, corrected by a superseding one."""

from datetime import date

import pytest

from application.agreements import commands as c
from tests.application.agreements.fixtures import principals, record_practice
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
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


def test_any_employer_checks_a_certificate_by_its_number_and_the_credit_lists_it(
        api, completed):
    location = issue(api, completed).headers["Location"]

    checked = api.get(location, who="other_enterprise")
    credit = api.get(f"/api/v1/trainees/{TRAINEE_IIN}/work-experience", who="trainee")

    assert checked.status_code == 200 and checked.json["valid"] is True
    assert (credit.json["status"], credit.json["credited"]) == \
        ("credited", {"months": 8, "days": 0})
    assert [c["number"] for c in credit.json["certificates"]] == [checked.json["number"]]


def test_a_correction_supersedes_the_certificate_and_both_stay_on_record(api, completed):
    first = issue(api, completed).json["number"]

    corrected = api.post(f"{CERTIFICATES}/{first}/correction",
                         {"reason": "the practice dates were misprinted"}, who="college")
    old = api.get(f"{CERTIFICATES}/{first}", who="other_enterprise")

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

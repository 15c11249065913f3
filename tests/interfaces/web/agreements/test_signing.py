"""Signatures and amendments over HTTP (DOMAIN.md agreement rule 1), with If-Match and
Idempotency-Key on commands, and the overlapping-activation rule (rule 3)."""

from datetime import date

from tests.application.agreements.fixtures import TODAY, new_trainee_iin
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import (
    TRAINEE_IIN,
    field_rule,
    problem_of,
    url,
)

api = fixtures.api


def sign(api, agreement, party, who=None, **headers):
    return api.post(url(agreement, "signatures"), {"party": party}, who=who or party, **headers)


# Signatures --------------------------------------------------------------------------

def test_each_signature_is_201_and_the_last_one_activates_the_agreement(api):
    agreement = api.draft()

    by_college = sign(api, agreement, "college")
    by_enterprise = sign(api, agreement, "enterprise")
    by_trainee = sign(api, agreement, "trainee")

    assert [a.status_code for a in (by_college, by_enterprise, by_trainee)] == [201] * 3
    assert by_college.headers["Location"] == url(agreement)
    assert by_college.json["signed_by"] == ["college"]
    assert by_enterprise.json["status"] == "draft"
    assert by_trainee.json["status"] == "active"
    assert by_trainee.json["signed_by"] == ["college", "enterprise", "trainee"]
    assert by_trainee.json["activated_on"] == TODAY.isoformat()
    assert by_trainee.headers["ETag"] == f'"{by_trainee.json["version"]}"'


def test_the_college_records_the_trainees_signature_made_on_paper(api):
    agreement = api.draft()

    answer = sign(api, agreement, "trainee", who="college")

    assert answer.status_code == 201 and answer.json["signed_by"] == ["trainee"]


def test_a_party_may_sign_only_as_itself(api):
    agreement = api.draft()

    as_college = sign(api, agreement, "college", who="enterprise")
    as_enterprise = sign(api, agreement, "enterprise", who="trainee")

    assert problem_of(as_college) == (403, "forbidden")
    assert problem_of(as_enterprise) == (403, "forbidden")


def test_an_auditor_may_not_sign(api):
    assert problem_of(sign(api, api.draft(), "college", who="auditor")) == (403, "forbidden")


def test_another_college_gets_404_for_an_agreement_it_is_not_party_to(api):
    answer = sign(api, api.draft(), "college", who="other_college")

    assert problem_of(answer) == (404, "not_found")


def test_signing_twice_is_409_already_signed(api):
    agreement = api.draft()
    sign(api, agreement, "college")

    assert problem_of(sign(api, agreement, "college")) == (409, "already_signed")


def test_an_unknown_party_is_422_naming_party(api):
    answer = sign(api, api.draft(), "notary", who="college")

    assert field_rule(answer, "party") == "choice"


def test_a_second_overlapping_activation_is_409_naming_the_other_agreement(api):
    api.active(number="DT-FIRST")
    second = api.draft(number="DT-SECOND", start=date(2027, 1, 10), end=date(2027, 12, 20))
    sign(api, second, "college")
    sign(api, second, "enterprise")

    answer = sign(api, second, "trainee")

    assert answer.status_code == 409
    assert "DT-FIRST" in answer.json["detail"]


def test_a_stale_if_match_is_412_and_records_nothing(api):
    agreement = api.draft()
    sign(api, agreement, "college")

    stale = sign(api, agreement, "enterprise", If_Match='"1"')
    current = sign(api, agreement, "enterprise", If_Match='"2"')

    assert problem_of(stale) == (412, "stale_version")
    assert current.status_code == 201 and current.headers["ETag"] == '"3"'


def test_a_replayed_signature_gets_the_first_answer_and_is_recorded_once(api):
    agreement = api.draft()
    first = sign(api, agreement, "college", Idempotency_Key="sign-1")

    again = sign(api, agreement, "college", Idempotency_Key="sign-1")

    assert again.status_code == 201 and again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["ETag"] == first.headers["ETag"] == '"2"'
    history = api.get(url(agreement, "history")).json
    assert [e["type"] for e in history] == ["Registered", "Signed"]


# Amendments --------------------------------------------------------------------------

def propose(api, agreement, who="college", **changes):
    body = {"changes": changes or {"workplace": "Welding shop No. 3"}, "reason": "Shop moved"}
    return api.post(url(agreement, "amendments"), body, who=who)


def test_a_proposed_amendment_is_201_with_location_and_its_number(api):
    agreement = api.active()

    answer = propose(api, agreement)

    assert answer.status_code == 201
    assert answer.headers["Location"] == url(agreement, "amendments", "1")
    amendment = answer.json["amendment"]
    assert (amendment["number"], amendment["status"]) == (1, "proposed")
    assert amendment["accepted_by"] == ["college"]
    assert amendment["missing"] == ["enterprise", "trainee"]
    assert answer.json["workplace"] == "Welding shop No. 2"  # not yet in effect


def test_the_amendment_is_read_at_its_location(api):
    agreement = api.active()
    location = propose(api, agreement).headers["Location"]

    answer = api.get(location, who="trainee")

    assert answer.status_code == 200
    assert answer.json["changes"] == {"workplace": "Welding shop No. 3"}
    assert answer.headers["ETag"] == f'"{agreement.version + 1}"'
    assert problem_of(api.get(url(agreement, "amendments", "2"))) == (404, "not_found")


def test_the_amendment_takes_effect_when_the_other_organisation_and_the_trainee_accept(api):
    agreement = api.active()
    propose(api, agreement, end_date="2027-05-31")
    acceptances = url(agreement, "amendments", "1", "acceptances")

    by_enterprise = api.post(acceptances, {"party": "enterprise"}, who="enterprise")
    by_trainee = api.post(acceptances, {"party": "trainee"}, who="trainee")

    assert by_enterprise.status_code == 201 and by_enterprise.json["end_date"] == "2027-06-30"
    assert by_enterprise.headers["Location"] == url(agreement, "amendments", "1")
    assert by_trainee.status_code == 201
    assert by_trainee.json["amendment"]["status"] == "effective"
    assert by_trainee.json["end_date"] == "2027-05-31" and by_trainee.json["terms_version"] == 2


def test_the_proposer_does_not_accept_its_own_amendment(api):
    agreement = api.active()
    propose(api, agreement)

    answer = api.post(url(agreement, "amendments", "1", "acceptances"), {"party": "college"})

    assert problem_of(answer) == (409, "amendment_acceptor")


def test_accepting_an_amendment_that_does_not_exist_is_404(api):
    agreement = api.active()

    answer = api.post(url(agreement, "amendments", "7", "acceptances"), {"party": "enterprise"},
                      who="enterprise")

    assert problem_of(answer) == (404, "not_found")


def test_a_draft_is_not_amended_but_its_terms_changed(api):
    assert problem_of(propose(api, api.draft())) == (409, "agreement_status")


def test_an_amendments_changes_are_checked_like_terms(api):
    agreement = api.active()

    bad_date = propose(api, agreement, end_date="30.06.2027")
    no_reason = api.post(url(agreement, "amendments"), {"changes": {"workplace": "Shop 3"}})

    assert field_rule(bad_date, "changes.end_date") == "date"
    assert field_rule(no_reason, "reason") == "required"


def test_a_trainee_may_not_propose_an_amendment(api):
    assert problem_of(propose(api, api.active(), who="trainee")) == (403, "forbidden")


def test_only_the_trainee_of_the_agreement_reads_it(api):
    agreement = api.draft(trainee_iin=new_trainee_iin())

    assert api.get(url(agreement), who="trainee").status_code == 404
    assert TRAINEE_IIN != agreement.trainee_iin.value

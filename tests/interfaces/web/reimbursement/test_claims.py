"""Reimbursement over HTTP: the worked example, input checks, rules as 409, ETags, keys,
history, state at a version, the list and the reference data (API.md, Order No. 597)."""

from __future__ import annotations

import pytest

from tests.application.reimbursement.fixtures import june_agreement, pin
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import field_rule, problem_of

api = fixtures.api
__all__ = ["api"]
CLAIMS = "/api/v1/reimbursement-claims"
NORMS = "/api/v1/reference/reimbursement-norms"


def budgets(college: str) -> str:
    return f"/api/v1/colleges/{college}/reimbursement-budgets"


def claim_body(agreement, *amounts: str, month: str = "2027-06") -> dict:
    return {"agreement_id": str(agreement.id), "month": month,
            "costs": [{"category": "mentor_pay", "amount": amount,
                       "document_reference": f"INV-{n}"} for n, amount in enumerate(amounts)]}


@pytest.fixture
def june(api):
    """Norm 60 000.00 for 2026-2027, a budget of 1 000 000.00, and the June agreement."""
    pin(api.system)
    assert api.post(NORMS, {"academic_year": "2026-2027", "monthly_norm": "60000.00"},
                    "admin").status_code == 201
    agreement = june_agreement(api.system, trainee_iin=fixtures.TRAINEE_IIN)
    assert api.post(budgets(agreement.college_bin.value),
                    {"academic_year": "2026-2027", "amount": "1000000.00"},
                    "admin").status_code == 201
    return agreement


def test_the_worked_example_over_http(api, june):
    answer = api.post(CLAIMS, claim_body(june, "70000.00"), "enterprise")
    assert answer.status_code == 201
    assert answer.headers["Location"].endswith(f"{CLAIMS}/{answer.json['id']}")
    assert answer.headers["ETag"] == '"1"'
    assert answer.headers["X-Position"].startswith("reimbursement:")
    body = answer.json
    assert (body["status"], body["claimed"], body["payable"], body["practice_days"],
            body["norm"], body["version"]) == ("submitted", "70000.00", "50000.00", 25,
                                               "60000.00", 1)
    api.post(f"{CLAIMS}/{body['id']}/rejection", {"reason": "split the invoice"})
    again = api.post(CLAIMS, claim_body(june, "40000.00"), "enterprise")
    assert (again.status_code, again.json["payable"]) == (201, "40000.00")


def test_malformed_input_is_422_naming_the_field_and_rule(api, june):
    bad_category = claim_body(june, "100.00")
    bad_category["costs"][0]["category"] = "travel"
    assert field_rule(api.post(CLAIMS, bad_category, "enterprise"),
                      "costs.0.category") == "choice"
    assert field_rule(api.post(CLAIMS, claim_body(june, "-5.00"), "enterprise"),
                      "costs.0.amount") == "positive"
    assert field_rule(api.post(CLAIMS, claim_body(june, "1.00", month="2027-13"),
                               "enterprise"), "month") == "month"
    assert api.post(CLAIMS, claim_body(june), "enterprise").status_code == 422  # no lines
    assert field_rule(api.post(NORMS, {"academic_year": "2026-2028", "monthly_norm": "1.00"},
                               "admin"), "academic_year") == "consecutive"


def test_business_rules_are_409_with_their_rule(api, june):
    assert api.post(CLAIMS, claim_body(june, "10.00"), "enterprise").status_code == 201
    assert problem_of(api.post(CLAIMS, claim_body(june, "10.00"), "enterprise")) == \
        (409, "duplicate_claim")
    assert problem_of(api.post(CLAIMS, claim_body(june, "10.00", month="2027-05"),
                               "enterprise")) == (409, "no_practice_days")
    assert problem_of(api.post(CLAIMS, claim_body(june, "10.00", month="2027-09"),
                               "enterprise")) == (409, "month_outside_term")


def test_an_approval_over_the_budget_is_409_and_says_what_remains(api, june):
    api.post(budgets(june.college_bin.value), {"academic_year": "2026-2027",
                                                "amount": "45000.00"}, "admin")
    made = api.post(CLAIMS, claim_body(june, "70000.00"), "enterprise").json
    refused = api.post(f"{CLAIMS}/{made['id']}/approval", None)
    assert problem_of(refused) == (409, "budget_exceeded")
    assert "45000.00 remains" in refused.json["detail"]
    budget = api.get(f"{budgets(june.college_bin.value)}/2026-2027", "college")
    assert (budget.json["amount"], budget.json["remaining"]) == ("45000.00", "45000.00")
    history = api.get(f"{budgets(june.college_bin.value)}/2026-2027/history", "auditor")
    assert [e["data"]["amount"] for e in history.json if e["type"] == "AmountSet"] == \
        ["1000000.00", "45000.00"]


def test_decide_pay_once_and_reverse_with_etags_history_and_versions(api, june):
    made = api.post(CLAIMS, claim_body(june, "40000.00"), "enterprise").json
    claim = f"{CLAIMS}/{made['id']}"
    assert api.post(f"{claim}/approval", None, If_Match='"9"').status_code == 412
    approved = api.post(f"{claim}/approval", None, If_Match='"1"')
    assert (approved.status_code, approved.json["status"], approved.headers["ETag"]) == \
        (200, "approved", '"2"')
    payment = {"payment_reference": "KZ-RB-1", "paid_on": "2027-07-15"}
    paid = api.post(f"{claim}/payments", payment)
    repeat = api.post(f"{claim}/payments", payment)
    assert (paid.status_code, paid.json["status"], paid.json["paid"]) == (201, "paid",
                                                                           "40000.00")
    assert (repeat.status_code, repeat.headers["ETag"]) == (200, '"3"')
    reversed_ = api.post(f"{claim}/payments/KZ-RB-1/reversal", {"reason": "account closed"})
    assert (reversed_.status_code, reversed_.json["status"], reversed_.json["paid"]) == \
        (200, "approved", "0.00")
    types = [e["type"] for e in api.get(f"{claim}/history", "enterprise").json]
    assert types == ["Submitted", "Approved", "PaymentRecorded", "PaymentReversed"]
    assert api.get(claim, "auditor", version=2).json["status"] == "approved"
    assert api.get(claim, "auditor", version=1).json["status"] == "submitted"


def test_an_idempotency_key_replays_the_claim_and_records_it_once(api, june):
    first = api.post(CLAIMS, claim_body(june, "100.00"), "enterprise", Idempotency_Key="k-1")
    second = api.post(CLAIMS, claim_body(june, "100.00"), "enterprise", Idempotency_Key="k-1")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.json["id"] == second.json["id"]


def test_another_party_gets_404_and_other_roles_403(api, june):
    assert api.post(CLAIMS, claim_body(june, "10.00"), "other_enterprise").status_code == 404
    made = api.post(CLAIMS, claim_body(june, "10.00"), "enterprise").json
    assert api.get(f"{CLAIMS}/{made['id']}", "other_college").status_code == 404
    assert api.get(f"{CLAIMS}/{made['id']}", "trainee").status_code == 403
    assert api.post(f"{CLAIMS}/{made['id']}/approval", None,
                    "other_college").status_code == 404


def test_the_list_filters_by_agreement_and_status_and_shows_own_claims_only(api, june):
    made = api.post(CLAIMS, claim_body(june, "10.00"), "enterprise")
    position = made.headers["X-Position"]
    # No worker runs here (on PostgreSQL the views wait for one): catch them up, as it would.
    api.client.application.extensions["dualtrack"].projections.catch_up()
    mine = api.client.get(CLAIMS, query_string={"agreement_id": str(june.id),
                                                "status": "submitted"},
                          headers=api.headers("enterprise", X_Min_Position=position))
    assert [item["claim_id"] for item in mine.json["items"]] == [made.json["id"]]
    assert mine.json["items"][0]["payable"] == "10.00"
    approved = api.get(CLAIMS, "college", status="approved", min_position=position)
    assert approved.json["items"] == []
    theirs = api.get(CLAIMS, "other_enterprise", min_position=position)
    assert theirs.json["items"] == [] and theirs.json["next_cursor"] is None

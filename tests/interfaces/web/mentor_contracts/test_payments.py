"""Payments to mentors over HTTP: recording them against approved acts, the same reference
or Idempotency-Key twice, and reversals (DOMAIN.md, MentorServiceContract rules 3-4)."""

import pytest

from application.mentor_payments.commands import ApproveAct
from domain.mentor_payments.contract import MentorServiceContract
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import field_rule, problem_of
from tests.interfaces.web.mentor_contracts.test_contracts import (
    COLLEGE,
    agreement,
    contract,
    submit,
    url,
)

api = fixtures.api
__all__ = ["agreement", "api", "contract"]  # fixtures used here


@pytest.fixture
def approved(api, contract, agreement) -> MentorServiceContract:
    """The contract with one approved act of 20000.00 (version 3)."""
    submit(api, contract, agreement)
    return api.system.payments.approve_act(COLLEGE, ApproveAct(contract.id, 1)).aggregate


def payment(amount: str = "15000.00", reference: str = "KZ-PAY-1",
            paid_on: str = "2026-11-20") -> dict[str, str]:
    return {"amount": amount, "payment_reference": reference, "paid_on": paid_on}


def payment_events(api, contract) -> list[str]:
    return [type(e).__name__ for e in api.system.payments.history(COLLEGE, contract.id)
            if type(e).__name__ == "PaymentRecorded"]


def test_the_college_records_a_payment_201_and_the_totals_follow(api, approved):
    answer = api.post(url(approved, "payments"), payment())

    assert answer.status_code == 201
    assert answer.headers["Location"] == url(approved) and answer.headers["ETag"] == '"4"'
    assert answer.json["payments"] == [{
        "payment_reference": "KZ-PAY-1", "amount": "15000.00", "paid_on": "2026-11-20",
        "reversed": False, "reversal_reason": None, "reversed_on": None}]
    assert (answer.json["paid_total"], answer.json["approved_unpaid"]) == \
        ("15000.00", "5000.00")


def test_a_payment_over_what_is_approved_and_unpaid_is_409_naming_the_rule(api, approved):
    api.post(url(approved, "payments"), payment())

    answer = api.post(url(approved, "payments"), payment("5000.01", reference="KZ-PAY-2"))

    assert problem_of(answer) == (409, "overpayment")
    assert "5000.00" in answer.json["detail"]


def test_a_payment_replayed_with_its_idempotency_key_gets_the_first_answer_and_records_once(
        api, approved):
    first = api.post(url(approved, "payments"), payment(), Idempotency_Key="pay-nov-1")

    again = api.post(url(approved, "payments"), payment(), Idempotency_Key="pay-nov-1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true" and again.json == first.json
    assert payment_events(api, approved) == ["PaymentRecorded"]


def test_the_same_reference_again_without_a_key_answers_200_and_records_nothing(
        api, approved):
    api.post(url(approved, "payments"), payment())

    again = api.post(url(approved, "payments"), payment(reference=" KZ-PAY-1 "))
    other_amount = api.post(url(approved, "payments"), payment("100.00"))

    assert again.status_code == 200 and again.headers["ETag"] == '"4"'
    assert problem_of(other_amount) == (409, "payment_reference_reused")
    assert payment_events(api, approved) == ["PaymentRecorded"]


def test_invalid_payment_fields_are_422_naming_each(api, approved):
    answer = api.post(url(approved, "payments"), {"amount": "0", "payment_reference": "",
                                                  "paid_on": "2026-11-31"})

    assert field_rule(answer, "amount") == "positive"
    assert field_rule(answer, "payment_reference") == "length"
    assert field_rule(answer, "paid_on") == "date"
    future = api.post(url(approved, "payments"), payment(paid_on="2026-11-24"))
    assert field_rule(future, "paid_on") == "future_date"


@pytest.mark.parametrize(("field", "changes", "rule"), [
    ("paid_on", {"paid_on": "20.11.2026"}, "date"), ("amount", {"amount": "-5"}, "positive"),
    ("amount", {"amount": 10.5}, "type"), ("payment_reference", {"reference": "  "}, "length"),
])
def test_a_malformed_payment_value_is_422_naming_the_field(api, approved, field, changes,
                                                           rule):
    answer = api.post(url(approved, "payments"), payment(**changes))

    assert field_rule(answer, field) == rule


def test_only_the_contracts_college_records_payments(api, approved):
    assert problem_of(api.post(url(approved, "payments"), payment(), who="mentor")) == \
        (403, "forbidden")
    assert problem_of(api.post(url(approved, "payments"), payment(),
                               who="other_college")) == (404, "not_found")


def test_a_reversal_reopens_the_amount_and_a_second_one_is_409(api, approved):
    api.post(url(approved, "payments"), payment(reference="KZ/2026/77"))
    reversal = url(approved, "payments", "KZ/2026/77", "reversal")

    reversed_ = api.post(reversal, {"reason": "the account was closed"})
    twice = api.post(reversal, {"reason": "again"})

    assert reversed_.status_code == 200 and reversed_.headers["ETag"] == '"5"'
    entry = reversed_.json["payments"][0]
    assert (entry["reversed"], entry["reversal_reason"], entry["reversed_on"]) == \
        (True, "the account was closed", "2026-11-23")
    assert (reversed_.json["paid_total"], reversed_.json["approved_unpaid"]) == \
        ("0.00", "20000.00")
    assert problem_of(twice) == (409, "already_reversed")


def test_reversing_an_unknown_payment_is_404_and_a_reason_is_required(api, approved):
    assert problem_of(api.post(url(approved, "payments", "NOPE", "reversal"),
                               {"reason": "returned"})) == (404, "not_found")
    api.post(url(approved, "payments"), payment())
    missing = api.post(url(approved, "payments", "KZ-PAY-1", "reversal"), {})
    assert field_rule(missing, "reason") == "required"

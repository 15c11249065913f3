"""Targeted-training orders over HTTP: placing, deciding, students, graduates, and the
conventions (ETag/If-Match, Idempotency-Key, history, point in time, problem+json)."""

from datetime import UTC, datetime

import pytest

from tests.application.agreements.fixtures import COLLEGE_BIN, OTHER_COLLEGE_BIN
from tests.application.targeted_training.helpers import (
    AGRO_BIN,
    LARGE_BIN,
    NO_OKED_BIN,
    SMALL_BIN,
    UNSIZED_BIN,
    register,
    student,
)
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import Api, field_rule, problem_of
from tests.interfaces.web.targeted_orders.world import order_body

api = fixtures.api

ORDERS = "/api/v1/targeted-orders"
ENTERPRISE = ("enterprise", LARGE_BIN)
COLLEGE = ("college", COLLEGE_BIN)
S1 = student(1).value


@pytest.fixture
def orders(api: Api) -> Api:
    register(api.system)
    return api


def place(api: Api, **changes: object):
    body = {**order_body("TO-2024-01", COLLEGE_BIN, LARGE_BIN), **changes}
    return api.post(ORDERS, body, ENTERPRISE)


def accepted(api: Api, **changes: object) -> str:
    order = place(api, **changes).json
    answer = api.post(f"{ORDERS}/{order['id']}/acceptance",
                      {"state_order_reference": "GOZ-2024/35-117"}, COLLEGE)
    assert answer.status_code == 200, answer.json
    return f"{ORDERS}/{order['id']}"


def enrolled(api: Api, order: str, iin: str = S1, on: str = "2024-09-01"):
    return api.post(f"{order}/enrolments", {"trainee": {"iin": iin, "full_name": "Arman "
                                                        "Seitkali"}, "enrolled_on": on},
                    COLLEGE)


def graduated(api: Api, order: str, iin: str = S1) -> None:
    assert enrolled(api, order, iin).status_code == 201
    answer = api.post(f"{order}/enrolments/{iin}/graduation", {"date": "2026-06-30"}, COLLEGE)
    assert answer.status_code == 200, answer.json


def test_an_enterprise_places_an_order_and_gets_201_with_location_and_etag(orders):
    answer = place(orders)
    assert answer.status_code == 201, answer.json
    body = answer.json
    assert body["status"] == "submitted" and body["academic_year"] == "2024-2025"
    assert (body["places"], body["employment_obligation_months"]) == (5, 12)
    assert (body["enterprise_size"], body["enterprise_oked"], body["region"]) == \
        ("large", "24100", "35")
    assert answer.headers["Location"].endswith(f"{ORDERS}/{body['id']}")
    assert answer.headers["ETag"] == '"1"'
    assert orders.get(f"{ORDERS}/{body['id']}", COLLEGE).json["number"] == "TO-2024-01"


@pytest.mark.parametrize(("enterprise", "rule"), [
    (SMALL_BIN, "small_enterprise"), (AGRO_BIN, "agro_industrial"),
    (UNSIZED_BIN, "enterprise_size_unknown"), (NO_OKED_BIN, "oked_unknown")])
def test_an_ineligible_enterprise_is_refused_naming_the_rule_and_field(orders, enterprise,
                                                                        rule):
    answer = orders.post(ORDERS, order_body("TO-1", COLLEGE_BIN, enterprise),
                         ("enterprise", enterprise))
    assert problem_of(answer) == (409, rule)
    assert answer.json["errors"]["enterprise_bin"]["rule"] == rule
    assert answer.content_type == "application/problem+json"


@pytest.mark.parametrize(("field", "value", "rule"), [
    ("places", 0, "places_range"), ("places", 501, "places_range"),
    ("employment_obligation_months", 5, "obligation_range"),
    ("employment_obligation_months", 61, "obligation_range"),
    ("academic_year", "2024-2026", "consecutive"), ("academic_year", "2024", "format"),
    ("college_bin", "123456789012", "check_digit")])
def test_malformed_terms_are_422_naming_the_field_and_rule(orders, field, value, rule):
    answer = place(orders, **{field: value})
    assert field_rule(answer, field) == rule


def test_an_order_number_is_taken_once_per_enterprise(orders):
    place(orders)
    answer = place(orders)
    assert problem_of(answer) == (409, "duplicate")
    assert answer.json["errors"]["number"]["rule"] == "duplicate"


def test_the_college_rejects_with_a_reason_and_decides_once(orders):
    order = place(orders).json
    path = f"{ORDERS}/{order['id']}"
    answer = orders.post(f"{path}/rejection", {"reason": "no places left"}, COLLEGE)
    assert answer.status_code == 200 and answer.json["status"] == "rejected"
    again = orders.post(f"{path}/acceptance", {"state_order_reference": "GOZ-1"}, COLLEGE)
    assert problem_of(again) == (409, "order_decided")


def test_a_stale_if_match_is_412_and_a_current_one_passes(orders):
    order = place(orders).json
    path = f"{ORDERS}/{order['id']}/acceptance"
    stale = orders.post(path, {"state_order_reference": "GOZ-1"}, COLLEGE, If_Match='"2"')
    assert stale.status_code == 412
    fresh = orders.post(path, {"state_order_reference": "GOZ-1"}, COLLEGE, If_Match='"1"')
    assert fresh.status_code == 200 and fresh.headers["ETag"] == '"2"'


def test_the_same_idempotency_key_and_body_record_once(orders):
    body = order_body("TO-IDEM", COLLEGE_BIN, LARGE_BIN)
    first = orders.post(ORDERS, body, ENTERPRISE, Idempotency_Key="order-1")
    second = orders.post(ORDERS, body, ENTERPRISE, Idempotency_Key="order-1")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.headers["Idempotent-Replayed"] == "true"
    assert first.json["id"] == second.json["id"]


def test_students_are_enrolled_up_to_the_places_and_a_withdrawal_frees_one(orders):
    order = accepted(orders, places=1)
    first = enrolled(orders, order)
    assert first.status_code == 201
    assert first.headers["Location"].endswith(f"{order}/enrolments/{S1}")
    full = enrolled(orders, order, student(2).value)
    assert problem_of(full) == (409, "places_full")
    assert full.json["errors"]["trainee.iin"]["rule"] == "places_full"
    left = orders.post(f"{order}/enrolments/{S1}/withdrawal",
                       {"date": "2024-12-01", "reason": "expelled"}, COLLEGE)
    assert left.status_code == 200 and left.json["places_free"] == 1
    assert enrolled(orders, order, student(2).value).status_code == 201


def test_a_submitted_order_takes_no_students(orders):
    order = place(orders).json
    answer = enrolled(orders, f"{ORDERS}/{order['id']}")
    assert problem_of(answer) == (409, "order_not_accepted")


def test_a_withdrawal_reason_is_one_of_expelled_transferred_other(orders):
    order = accepted(orders)
    enrolled(orders, order)
    answer = orders.post(f"{order}/enrolments/{S1}/withdrawal",
                         {"date": "2024-12-01", "reason": "bored"}, COLLEGE)
    assert field_rule(answer, "reason") == "choice"


def test_a_student_not_enrolled_is_404(orders):
    order = accepted(orders)
    answer = orders.post(f"{order}/enrolments/{S1}/graduation", {"date": "2026-06-30"},
                         COLLEGE)
    assert problem_of(answer) == (404, "not_found")


def test_the_enterprise_records_employment_and_an_early_end(orders):
    order = accepted(orders)
    graduated(orders, order)
    employed = orders.post(f"{order}/enrolments/{S1}/employment",
                           {"start_date": "2026-07-01", "position": "Welder"}, ENTERPRISE)
    assert employed.status_code == 200, employed.json
    ended = orders.post(f"{order}/enrolments/{S1}/employment-end",
                        {"date": "2026-10-31", "reason": "moved away"}, ENTERPRISE)
    assert ended.status_code == 200
    enrolment = orders.get(f"{order}/enrolments/{S1}", ENTERPRISE).json
    assert (enrolment["employed_from"], enrolment["early_end"]) == ("2026-07-01", True)
    assert enrolment["employment_end_reason"] == "moved away"


def test_employment_before_graduation_is_refused_naming_the_rule(orders):
    order = accepted(orders)
    enrolled(orders, order)
    answer = orders.post(f"{order}/enrolments/{S1}/employment",
                         {"start_date": "2026-07-01", "position": "Welder"}, ENTERPRISE)
    assert problem_of(answer) == (409, "not_graduated")
    assert answer.json["errors"]["iin"]["rule"] == "not_graduated"


def test_a_release_excludes_a_later_employment(orders):
    order = accepted(orders)
    graduated(orders, order)
    released = orders.post(f"{order}/enrolments/{S1}/release",
                           {"date": "2026-07-01", "reason": "military service"}, ENTERPRISE)
    assert released.status_code == 200
    answer = orders.post(f"{order}/enrolments/{S1}/employment",
                         {"start_date": "2026-08-01", "position": "Welder"}, ENTERPRISE)
    assert problem_of(answer) == (409, "outcome_recorded")


def test_a_future_date_is_422(orders):
    order = accepted(orders)
    answer = enrolled(orders, order, on="2027-01-01")
    assert field_rule(answer, "enrolled_on") == "future_date"


def test_history_and_state_at_a_version_or_a_moment(orders):
    order = place(orders).json
    path = f"{ORDERS}/{order['id']}"
    before = datetime.now(UTC).isoformat()
    orders.post(f"{path}/acceptance", {"state_order_reference": "GOZ-1"}, COLLEGE)
    history = orders.get(f"{path}/history", "auditor").json
    assert [(e["version"], e["type"], e["actor"]["role"]) for e in history] == \
        [(1, "Submitted", "enterprise"), (2, "Accepted", "college")]
    assert orders.get(path, "auditor", version=1).json["status"] == "submitted"
    assert orders.get(path, "auditor", as_of=before).json["status"] == "submitted"
    assert orders.get(path, "auditor").json["status"] == "accepted"


def test_another_college_gets_404_and_a_trainee_403(orders):
    order = place(orders).json
    path = f"{ORDERS}/{order['id']}"
    assert orders.get(path, ("college", OTHER_COLLEGE_BIN)).status_code == 404
    assert orders.get(path, "trainee").status_code == 403
    answer = orders.post(f"{path}/acceptance", {"state_order_reference": "G"},
                         ("college", OTHER_COLLEGE_BIN))
    assert answer.status_code == 404

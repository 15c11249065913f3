"""Patronage memoranda over HTTP: the contract of API.md "Patronage memoranda", each
refusal a problem naming the field and the rule, ETag/If-Match, Idempotency-Key, history,
state as of a version, the list and who sees what."""

from __future__ import annotations

from typing import Any

import pytest

from tests.application.patronage.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MEDIUM_BIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    register_organisations,
)
from tests.interfaces.web.agreements.fixtures import Api, field_rule

MEMORANDA = "/api/v1/patronage-memoranda"
ENTERPRISE = ("enterprise", ENTERPRISE_BIN)
COLLEGE = ("college", COLLEGE_BIN)
AUDITOR = ("auditor", None)


@pytest.fixture
def api(client, system) -> Api:
    register_organisations(system)
    return Api(client, system)


def body(**changes: Any) -> dict[str, Any]:
    memorandum: dict[str, Any] = {
        "number": "PM-2026-01", "enterprise_bin": ENTERPRISE_BIN, "college_bin": COLLEGE_BIN,
        "valid_from": "2026-01-01", "valid_to": "2028-12-31",
        "sections": {"subject_and_principles": "Patronage of the college",
                     "implementation": "A joint plan each year",
                     "obligations": "Places, equipment, internships", "term": "Three years",
                     "responsibility": "Under the law of the Republic of Kazakhstan"},
        "commitments": [{"kind": "practice_places", "target": 20}, {"kind": "equipment"}]}
    memorandum.update(changes)
    return memorandum


def drafted(api: Api, **changes: Any) -> dict[str, Any]:
    answer = api.post(MEMORANDA, body(**changes), ENTERPRISE)
    assert answer.status_code == 201, answer.json
    return answer.json


def in_force(api: Api, **changes: Any) -> dict[str, Any]:
    memorandum = drafted(api, **changes)
    api.post(f"{MEMORANDA}/{memorandum['id']}/signatures", {"party": "enterprise"}, ENTERPRISE)
    answer = api.post(f"{MEMORANDA}/{memorandum['id']}/signatures", {"party": "college"},
                      COLLEGE)
    assert answer.status_code == 201, answer.json
    return answer.json


def test_a_draft_is_created_with_location_and_etag(api) -> None:
    answer = api.post(MEMORANDA, body(), ENTERPRISE)
    assert answer.status_code == 201
    assert answer.json["status"] == "draft" and answer.json["version"] == 1
    assert answer.headers["ETag"] == '"1"'
    assert answer.headers["Location"].endswith(f"{MEMORANDA}/{answer.json['id']}")
    assert answer.json["sections"]["term"] == "Three years"
    assert answer.json["commitments"] == [{"kind": "practice_places", "target": 20},
                                          {"kind": "equipment", "target": None}]


@pytest.mark.parametrize("section", ["subject_and_principles", "implementation", "obligations",
                                     "term", "responsibility"])
def test_a_blank_section_is_422_naming_it(api, section: str) -> None:
    sections = {**body()["sections"], section: "   "}
    answer = api.post(MEMORANDA, body(sections=sections), ENTERPRISE)
    assert field_rule(answer, f"sections.{section}") == "length"


@pytest.mark.parametrize(("changes", "field", "rule"), [
    ({"commitments": [{"kind": "sponsorship"}]}, "commitments.0.kind", "choice"),
    ({"commitments": []}, "commitments", "required"),
    ({"commitments": [{"kind": "equipment"}, {"kind": "equipment"}]}, "commitments.1.kind",
     "duplicate"),
    ({"commitments": [{"kind": "equipment", "target": 0}]}, "commitments.0.target", "range"),
    ({"valid_to": "2025-12-31"}, "valid_to", "end_before_start"),
    ({"college_bin": "123456789012"}, "college_bin", "check_digit"),
])
def test_malformed_drafts_are_422_with_the_field_and_the_rule(api, changes, field, rule) -> None:
    answer = api.post(MEMORANDA, body(**changes), ENTERPRISE)
    got = field_rule(answer, field)
    assert got == rule or (rule == "choice" and got is not None), answer.json


def test_only_a_large_enterprise_may_draft_one_409(api) -> None:
    answer = api.post(MEMORANDA, body(enterprise_bin=MEDIUM_BIN), ("enterprise", MEDIUM_BIN))
    assert answer.status_code == 409
    assert answer.json["rule"] == "large_enterprise_only"
    assert answer.json["errors"]["enterprise_bin"]["rule"] == "large_enterprise_only"


def test_a_second_memorandum_in_force_for_the_pair_is_409(api) -> None:
    in_force(api)
    second = drafted(api, number="PM-2")
    api.post(f"{MEMORANDA}/{second['id']}/signatures", {"party": "enterprise"}, ENTERPRISE)
    answer = api.post(f"{MEMORANDA}/{second['id']}/signatures", {"party": "college"}, COLLEGE)
    assert (answer.status_code, answer.json["rule"]) == (409, "memorandum_in_force")
    assert "PM-2026-01" in answer.json["detail"]


def test_signatures_put_it_in_force_and_deliveries_are_recorded(api) -> None:
    memorandum = in_force(api)
    assert memorandum["status"] == "in_force" and memorandum["in_force_from"] == "2026-11-23"
    url = f"{MEMORANDA}/{memorandum['id']}"
    for path, delivery in (
            ("fulfilments", {"kind": "practice_places", "quantity": 12, "date": "2026-11-23",
                             "evidence": "Order No. 12"}),
            ("material-aid", {"amount": "1500000.00", "date": "2026-11-23",
                              "description": "CNC lathe"}),
            ("programmes", {"title": "Welding technology", "specialty_code": "07150200",
                            "date": "2026-11-23"})):
        answer = api.post(f"{url}/{path}", delivery, ENTERPRISE)
        assert answer.status_code == 201, answer.json
    assert answer.json["material_aid_total"] == "1500000.00"
    assert len(answer.json["fulfilments"]) == len(answer.json["programmes"]) == 1


@pytest.mark.parametrize(("delivery", "field", "rule"), [
    ({"kind": "board_seats", "quantity": 1, "date": "2026-11-23", "evidence": "Minutes"},
     "kind", "kind_not_committed"),
    ({"kind": "equipment", "quantity": 1, "date": "2026-11-22", "evidence": "Act"},
     "date", "outside_in_force"),
])
def test_refused_fulfilments_are_409_with_the_field_and_the_rule(api, delivery, field,
                                                                  rule) -> None:
    memorandum = in_force(api)
    answer = api.post(f"{MEMORANDA}/{memorandum['id']}/fulfilments", delivery, ENTERPRISE)
    assert answer.status_code == 409
    assert answer.json["errors"][field]["rule"] == rule


def test_a_future_date_is_422(api) -> None:
    memorandum = in_force(api)
    answer = api.post(f"{MEMORANDA}/{memorandum['id']}/material-aid",
                      {"amount": "10.00", "date": "2026-11-24", "description": "x"}, ENTERPRISE)
    assert field_rule(answer, "date") == "future_date"


def test_nothing_is_delivered_on_a_draft_409(api) -> None:
    memorandum = drafted(api)
    answer = api.post(f"{MEMORANDA}/{memorandum['id']}/programmes",
                      {"title": "Welding", "specialty_code": "07150200", "date": "2026-11-23"},
                      ENTERPRISE)
    assert (answer.status_code, answer.json["rule"]) == (409, "not_in_force")


def test_termination_ends_it(api) -> None:
    memorandum = in_force(api)
    answer = api.post(f"{MEMORANDA}/{memorandum['id']}/termination",
                      {"date": "2026-11-23", "reason": "Reorganisation"}, COLLEGE)
    assert answer.status_code == 201
    assert answer.json["status"] == "terminated"
    assert answer.json["termination"] == {"date": "2026-11-23", "reason": "Reorganisation",
                                          "party": "college"}


def test_if_match_a_stale_version_is_412(api) -> None:
    memorandum = drafted(api)
    answer = api.post(f"{MEMORANDA}/{memorandum['id']}/signatures", {"party": "enterprise"},
                      ENTERPRISE, If_Match='"7"')
    assert answer.status_code == 412
    answer = api.post(f"{MEMORANDA}/{memorandum['id']}/signatures", {"party": "enterprise"},
                      ENTERPRISE, If_Match='"1"')
    assert answer.status_code == 201 and answer.headers["ETag"] == '"2"'


def test_the_same_idempotency_key_records_once(api) -> None:
    first = api.post(MEMORANDA, body(), ENTERPRISE, Idempotency_Key="pm-key-1")
    again = api.post(MEMORANDA, body(), ENTERPRISE, Idempotency_Key="pm-key-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json["id"] == first.json["id"]


def test_history_and_state_as_of_a_version(api) -> None:
    memorandum = in_force(api)
    url = f"{MEMORANDA}/{memorandum['id']}"
    history = api.get(f"{url}/history", AUDITOR).json
    assert [entry["type"] for entry in history] == ["Drafted", "Signed", "Signed"]
    assert history[2]["actor"]["role"] == "college"
    assert api.get(url, AUDITOR, version=1).json["status"] == "draft"
    assert api.get(url, COLLEGE).headers["ETag"] == '"3"'


def test_another_party_gets_404_and_other_roles_403(api) -> None:
    url = f"{MEMORANDA}/{in_force(api)['id']}"
    assert api.get(url, ("enterprise", OTHER_ENTERPRISE_BIN)).status_code == 404
    assert api.get(f"{url}/history", ("college", OTHER_COLLEGE_BIN)).status_code == 404
    assert api.get(url, ("monitor", None)).status_code == 403


def test_the_list_is_the_callers_own_a_page_at_a_time(api, app) -> None:
    for number in ("PM-1", "PM-2", "PM-3"):
        drafted(api, number=number)
    app.extensions["dualtrack"].projections.catch_up()  # the worker's job on PostgreSQL
    first = api.get(MEMORANDA, ENTERPRISE, limit=2)
    assert first.status_code == 200
    assert [item["number"] for item in first.json["items"]] == ["PM-1", "PM-2"]
    assert 'rel="next"' in first.headers["Link"]
    rest = api.get(MEMORANDA, ENTERPRISE, limit=2, cursor=first.json["next_cursor"])
    assert [item["number"] for item in rest.json["items"]] == ["PM-3"]
    assert rest.json["next_cursor"] is None
    assert api.get(MEMORANDA, COLLEGE, college_bin=COLLEGE_BIN).json["items"][0]["href"]
    other = api.get(MEMORANDA, ("college", OTHER_COLLEGE_BIN), college_bin=COLLEGE_BIN)
    assert other.json["items"] == []
    assert field_rule(api.get(MEMORANDA, ENTERPRISE, cursor="nonsense"), "cursor") == "cursor"

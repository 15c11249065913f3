"""Every list answers API.md's one shape: ``?limit=&cursor=`` -> ``{items, next_cursor}`` with
``Link: rel="next"``; walked to the end with ``limit=2`` each finds every item exactly once.

Also: who sees which rows of the new lists (organisations, an enterprise's mentors,
mentor contracts, certificates), and the deprecated page/per_page shape still answering.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from application.projections.schema import MENTORS
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
)
from tests.application.participants.builders import token_for
from tests.application.projections.world import BACKENDS
from tests.interfaces.web.views_world import ADMIN, ViewsWorld, views_world

MENTORS_OF = f"/api/v1/enterprises/{ENTERPRISE_BIN}/mentors"
# (path, caller, filters, the item's key)
LISTS = [
    ("/api/v1/organisations", "auditor", {}, "bin"),
    ("/api/v1/organisations", "monitor_35", {}, "bin"),
    ("/api/v1/organisations", "admin", {"kind": "enterprise"}, "bin"),
    (MENTORS_OF, "enterprise", {}, "iin"),
    ("/api/v1/mentor-contracts", "auditor", {}, "contract_id"),
    ("/api/v1/mentor-contracts", "mentor", {}, "contract_id"),
    ("/api/v1/certificates", "auditor", {}, "number"),
    ("/api/v1/agreements", "auditor", {}, "agreement_id"),
    ("/api/v1/agreements", "college", {"status": "active"}, "agreement_id"),
    ("/api/v1/agreements", "auditor", {"sort": "-number"}, "agreement_id"),
    ("/api/v1/reimbursement-claims", "auditor", {}, "claim_id"),
    ("/api/v1/targeted-orders", "auditor", {}, "order_id"),
    ("/api/v1/patronage-memoranda", "auditor", {}, "memorandum_id"),
]


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> Iterator[ViewsWorld]:
    with views_world(request.param, tmp_path_factory.mktemp("lists-api")) as built:
        yield built


def walk(world: ViewsWorld, path: str, caller: str, query: dict) -> list[list[dict]]:
    """Every page from the first, following ``Link: rel="next"`` (checked against
    ``next_cursor``) until ``next_cursor`` is null."""
    pages, answer = [], world.get(path, caller, {**query, "limit": 2})
    while True:
        assert answer.status_code == 200, answer.json
        assert set(answer.json) == {"items", "next_cursor"}
        pages.append(answer.json["items"])
        cursor = answer.json["next_cursor"]
        if cursor is None:
            assert "Link" not in answer.headers
            return pages
        link = answer.headers["Link"]
        assert link.endswith('>; rel="next"')
        following = urlsplit(link[1:link.index(">")])
        assert following.path == path and parse_qs(following.query)["cursor"] == [cursor]
        assert len(pages) < 100, "the walk does not end"
        answer = world.app.test_client().get(f"{following.path}?{following.query}",
                                             headers=world.headers(caller))


@pytest.mark.parametrize(("path", "caller", "query", "key"), LISTS)
def test_walking_a_list_two_at_a_time_finds_every_item_exactly_once(world, path, caller,
                                                                    query, key):
    pages = walk(world, path, caller, query)

    walked = [item[key] for page in pages for item in page]
    whole = world.get(path, caller, {**query, "limit": 500}).json
    assert whole["next_cursor"] is None
    assert walked == [item[key] for item in whole["items"]]  # the same order, page by page
    assert len(walked) == len(set(walked)) and walked
    assert all(len(page) == 2 for page in pages[:-1]) and 1 <= len(pages[-1]) <= 2


def test_the_default_page_is_fifty_and_the_limit_at_most_five_hundred(world):
    assert world.get("/api/v1/agreements", "auditor").json["next_cursor"] is None
    for limit in (0, 501):
        answer = world.get("/api/v1/organisations", "admin", {"limit": limit})
        assert answer.status_code == 422 and "limit" in answer.json["errors"]


@pytest.mark.parametrize("path", ["/api/v1/organisations", "/api/v1/mentor-contracts",
                                  "/api/v1/certificates", "/api/v1/agreements",
                                  "/api/v1/reimbursement-claims"])
def test_a_cursor_the_list_did_not_give_is_422_naming_it(world, path):
    answer = world.get(path, "auditor" if "organisations" not in path else "admin",
                       {"cursor": "not-a-cursor"})

    assert answer.status_code == 422 and answer.json["errors"]["cursor"]["rule"] == "cursor"


def test_a_regional_monitor_lists_only_its_regions_organisations(world):
    everyone = world.get("/api/v1/organisations", "monitor_national", {"limit": 500}).json
    regional = world.get("/api/v1/organisations", "monitor_35", {"limit": 500}).json

    assert {item["region"] for item in regional["items"]} == {"35"}
    assert len(everyone["items"]) > len(regional["items"])
    assert world.get("/api/v1/organisations", "monitor_35", {"region": "71"}).json["items"] == []


def test_an_enterprise_lists_its_mentors_from_the_record_and_another_gets_404(world):
    mine = world.get(MENTORS_OF, "enterprise", {"limit": 500}).json["items"]

    assert MENTOR_IIN in {item["iin"] for item in mine}
    assert all(item["enterprise_bin"] == ENTERPRISE_BIN and item["full_name"] for item in mine)
    assert mine[0]["href"] == f"{MENTORS_OF}/{mine[0]['iin']}"
    other = world.get(f"/api/v1/enterprises/{OTHER_ENTERPRISE_BIN}/mentors", "enterprise")
    assert other.status_code == 404


def test_the_mentors_view_holds_no_personal_data():
    assert not {"iin", "full_name", "name"} & set(MENTORS.column_names)


def test_a_college_and_a_mentor_list_only_their_own_contracts(world):
    every = world.get("/api/v1/mentor-contracts", "auditor", {"limit": 500}).json["items"]
    college = world.get("/api/v1/mentor-contracts", "college", {"limit": 500}).json["items"]
    mentor = world.get("/api/v1/mentor-contracts", "mentor", {"limit": 500}).json["items"]
    by_mentor = world.get("/api/v1/mentor-contracts", "auditor",
                          {"mentor_iin": MENTOR_IIN}).json["items"]

    assert {c["college_bin"] for c in college} == {COLLEGE_BIN} and len(every) > len(college)
    assert mentor and {c["contract_id"] for c in mentor} == {c["contract_id"] for c in by_mentor}
    assert world.get("/api/v1/mentor-contracts", "college",
                     {"college_bin": OTHER_COLLEGE_BIN}).json["items"] == []


def test_certificates_are_listed_by_college_and_enterprise_and_for_their_own(world):
    every = world.get("/api/v1/certificates", "auditor", {"limit": 500}).json["items"]
    college = world.get("/api/v1/certificates", "college").json["items"]
    by_college = world.get("/api/v1/certificates", "auditor",
                           {"college_bin": COLLEGE_BIN}).json["items"]

    assert college == by_college and {c["college_bin"] for c in college} == {COLLEGE_BIN}
    assert len(every) > len(college)
    enterprise = world.get("/api/v1/certificates", "enterprise").json["items"]
    assert {c["enterprise_bin"] for c in enterprise} == {ENTERPRISE_BIN}
    first = every[0]
    assert world.get(first["href"], "auditor").json["number"] == first["number"]


def test_a_trainee_lists_only_the_certificates_of_its_own_agreements(world):
    listed_by_trainee = {}
    for trainee in sorted(set(world.built.world.trainee_iins)):
        token = world.system.participants.issue_token(ADMIN, token_for("trainee", trainee))
        headers = {"Authorization": f"Bearer {token}"}
        client = world.app.test_client()
        listed = client.get("/api/v1/certificates", headers=headers).json["items"]
        record = client.get(f"/api/v1/trainees/{trainee}/work-experience",
                            headers=headers).json["certificates"]
        valid = {c["number"] for c in record if not c.get("superseded_by")}
        assert {c["number"] for c in listed} == valid
        listed_by_trainee[trainee] = valid
    every = world.get("/api/v1/certificates", "auditor", {"limit": 500}).json["items"]
    assert set().union(*listed_by_trainee.values()) == {c["number"] for c in every}


def test_the_deprecated_page_and_per_page_still_answer_with_totals_and_say_so(world):
    for path in ("/api/v1/agreements", "/api/v1/reimbursement-claims"):
        old = world.get(path, "auditor", {"page": 1, "per_page": 2})

        assert old.status_code == 200 and old.headers["Deprecation"] == "true"
        assert old.json["page"] == 1 and old.json["total"] > 2 and len(old.json["items"]) == 2
        assert "Deprecation" not in world.get(path, "auditor").headers


def test_the_openapi_document_marks_the_old_paging_deprecated(world):
    spec = world.app.test_client().get("/openapi.json").json
    for path in ("/api/v1/agreements", "/api/v1/reimbursement-claims"):
        parameters = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]
                      if "name" in p}
        assert parameters["page"]["deprecated"] and parameters["per_page"]["deprecated"]
        assert not parameters["limit"].get("deprecated")
        assert parameters["limit"]["schema"]["maximum"] == 500

"""GET /api/v1/agreements: filters, pages, sort, who sees which rows, and no personal data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.application.agreements.fixtures import COLLEGE_BIN, ENTERPRISE_BIN, OTHER_COLLEGE_BIN
from tests.application.projections.world import BACKENDS, personal_data
from tests.interfaces.web.views_world import ViewsWorld, views_world

LIST = "/api/v1/agreements"


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> Iterator[ViewsWorld]:
    with views_world(request.param, tmp_path_factory.mktemp("listing-api")) as built:
        yield built


def numbers(answer) -> list[str]:
    return [item["number"] for item in answer.json["items"]]


def test_an_auditor_pages_through_every_agreement_with_totals_and_links(world):
    answers = [world.get(LIST, "auditor", {"per_page": 5, "page": n, "sort": "number"})
               for n in (1, 2, 3)]

    listed = [number for answer in answers for number in numbers(answer)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert listed == sorted(listed) and len(set(listed)) == 14
    middle = answers[1]
    assert {k: middle.json[k] for k in ("page", "per_page", "total", "pages")} == {
        "page": 2, "per_page": 5, "total": 14, "pages": 3}
    assert middle.headers["X-Total-Count"] == "14"
    links = linked_pages(middle.headers["Link"])
    assert links == {"first": "1", "prev": "1", "next": "3", "last": "3"}


def linked_pages(header: str) -> dict[str, str]:
    """``rel`` -> the page it links to; every link keeps the other parameters."""
    pages = {}
    for target, rel in re.findall(r'<([^>]*)>; rel="(\w+)"', header):
        query = parse_qs(urlsplit(target).query)
        assert query["sort"] == ["number"] and query["per_page"] == ["5"]
        pages[rel] = query["page"][0]
    return pages


def test_descending_sort_reverses_the_order(world):
    ascending = numbers(world.get(LIST, "auditor", {"per_page": 100, "sort": "number"}))
    descending = numbers(world.get(LIST, "auditor", {"per_page": 100, "sort": "-number"}))

    assert descending == list(reversed(ascending))


@pytest.mark.parametrize("filters", [
    {"status": "draft"}, {"college_bin": OTHER_COLLEGE_BIN}, {"region": "35", "year": 2025},
    {"enterprise_bin": ENTERPRISE_BIN, "status": "active"}, {"specialty_code": "07150200"},
])
def test_filters_give_the_rows_of_the_view_that_match_all_of_them(world, filters):
    answer = world.get(LIST, "auditor", {**filters, "per_page": 100, "sort": "number"})

    expected = world.projections.list_agreements(filters, per_page=100, sort="number")
    assert answer.status_code == 200
    assert [item["agreement_id"] for item in answer.json["items"]] == [
        item["agreement_id"] for item in expected.items]
    assert answer.json["total"] == expected.total > 0
    for name, value in filters.items():
        assert {item[name] for item in answer.json["items"]} == {value}


@pytest.mark.parametrize(("caller", "column", "own", "total"), [
    ("college", "college_bin", COLLEGE_BIN, 10), ("enterprise", "enterprise_bin", ENTERPRISE_BIN, 10),
    ("monitor_71", "region", "71", 4), ("monitor_national", None, None, 14),
    ("trainee", None, None, 1), ("mentor", None, None, 5),
])
def test_each_reader_lists_only_the_agreements_it_may_see(world, caller, column, own, total):
    answer = world.get(LIST, caller, {"per_page": 100})

    assert answer.status_code == 200 and answer.json["total"] == total
    if column:
        assert {item[column] for item in answer.json["items"]} == {own}


def test_asking_for_another_colleges_agreements_gives_an_empty_list_not_an_error(world):
    answer = world.get(LIST, "college", {"college_bin": OTHER_COLLEGE_BIN})

    assert answer.status_code == 200
    assert answer.json["items"] == [] and answer.json["next_cursor"] is None


def test_the_admin_may_not_list_agreements(world):
    answer = world.get(LIST, "admin")

    assert answer.status_code == 403 and answer.json["rule"] == "forbidden"


@pytest.mark.parametrize(("query", "field"), [
    ({"status": "lost"}, "status"), ({"college_bin": "123456789012"}, "college_bin"),
    ({"region": "99"}, "region"), ({"year": "twenty"}, "year"), ({"page": 0}, "page"),
    ({"per_page": 500}, "per_page"), ({"sort": "trainee_key"}, "sort"),
])
def test_a_bad_filter_page_or_sort_is_422_naming_the_field(world, query, field):
    answer = world.get(LIST, "auditor", query)

    assert answer.status_code == 422 and field in answer.json["errors"], answer.json


def test_the_list_names_no_person(world):
    text = world.get(LIST, "auditor", {"per_page": 100}).get_data(as_text=True)

    assert [found for found in personal_data(world.system, world.facts) if found in text] == []


def test_each_item_links_to_its_agreement(world):
    item = world.get(LIST, "auditor", {"status": "active", "sort": "number"}).json["items"][0]

    answer = world.get(item["href"], "auditor")

    assert answer.status_code == 200 and answer.json["number"] == item["number"]

"""GET /dashboard: signing in (header, or a token once into a cookie), who may see it,
the figures it shows (those of the projections), its filters, and that it needs nothing
from elsewhere (no script, no external address)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from interfaces.web.dashboard.views import COOKIE
from tests.application.projections.world import BACKENDS, personal_data
from tests.interfaces.web.views_world import ViewsWorld, views_world

DASHBOARD = "/dashboard"
STATES = ("draft", "active", "suspended", "completed", "terminated", "cancelled")


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> Iterator[ViewsWorld]:
    with views_world(request.param, tmp_path_factory.mktemp("dashboard")) as built:
        yield built


class Cells(HTMLParser):
    """The text of each cell of the table with ``table_id``, by the row's data-key."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside, self.key = table_id, False, None
        self.rows: dict[str, dict[str, str]] = {}
        self.column: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.inside = found.get("id") == self.table_id
        elif self.inside and tag == "tr" and found.get("data-key"):
            self.key = found["data-key"]
            self.rows[self.key] = {}
        elif self.inside and tag == "td" and self.key:
            self.column = found.get("class")

    def handle_data(self, data: str) -> None:
        if self.key and self.column:
            self.rows[self.key][self.column] = data.strip()
            self.column = None


def cells(page: str, table_id: str) -> dict[str, dict[str, str]]:
    parser = Cells(table_id)
    parser.feed(page)
    return parser.rows


def agreements_per_region(world: ViewsWorld, **filters) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in world.projections.monitoring_dual_training("region", **filters):
        totals[row.group] = totals.get(row.group, 0) + sum(
            getattr(row, f"agreements_{state}") for state in STATES)
    return totals


def test_a_monitor_sees_agreements_per_region_as_the_projections_count_them(world):
    answer = world.get(DASHBOARD, "monitor_national")

    shown = cells(answer.get_data(as_text=True), "by-region")
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assert {key: int(row["agreements"]) for key, row in shown.items()} == \
        agreements_per_region(world) == {"35": 10, "71": 4}


def test_the_year_filter_narrows_the_figures_and_a_regional_monitor_sees_its_own(world):
    page = world.get(DASHBOARD, "monitor_71", {"year": 2026}).get_data(as_text=True)

    shown = cells(page, "by-region")
    assert {key: int(row["agreements"]) for key, row in shown.items()} == \
        agreements_per_region(world, year=2026, region="71")
    assert "<select name=\"region\" disabled>" in page


def test_the_per_year_table_sums_every_region(world):
    page = world.get(DASHBOARD, "auditor").get_data(as_text=True)

    per_year: dict[str, int] = {}
    for row in world.projections.monitoring_dual_training("region"):
        per_year[str(row.year)] = per_year.get(str(row.year), 0) + row.certificates_due
    assert {k: int(v["certificates_due"]) for k, v in cells(page, "by-year").items()} == per_year


def test_the_deadlines_panel_counts_overdue_items_as_the_projections_do(world):
    national = world.get(DASHBOARD, "auditor").get_data(as_text=True)
    regional = world.get(DASHBOARD, "monitor_35").get_data(as_text=True)

    expected = {row.group: row.as_dict() for row in
                world.projections.monitoring_deadlines("region")}
    shown = cells(national, "deadlines")
    assert expected and {key: int(row["total"]) for key, row in shown.items()} == \
        {key: row["total"] for key, row in expected.items()}
    assert int(shown["35"]["certificate_unissued"]) == expected["35"]["certificate_unissued"]
    by_college = {row.group: row.total for row in
                  world.projections.monitoring_deadlines("college", region="35")}
    assert {key: int(row["total"]) for key, row in cells(regional, "deadlines").items()} == \
        by_college
    assert "/dashboard/deadlines.csv?group_by=college&amp;region=35" in regional


def test_the_charts_are_inline_svg_and_the_page_fetches_nothing_from_elsewhere(world):
    answer = world.get(DASHBOARD, "auditor", {"group_by": "college"})

    page = answer.get_data(as_text=True)
    assert page.count("<svg") == 3 and 'data-key="35" data-total="10"' in page
    assert "<script" not in page and not re.search(r'(src|href)="(https?:)?//', page)
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    assert [person for person in personal_data(world.system, world.facts) if person in page] \
        == []


def test_a_token_posted_by_the_form_becomes_a_strict_http_only_cookie(world):
    client = world.app.test_client()

    answer = client.post(f"{DASHBOARD}/sign-in", data={"token": world.tokens["auditor"],
                                                       "year": "2026"})
    cookie = answer.headers["Set-Cookie"]
    again = client.get(answer.headers["Location"])

    assert answer.status_code == 303 and answer.headers["Location"] == "/dashboard?year=2026"
    assert world.tokens["auditor"] not in answer.headers["Location"]
    assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Path=/dashboard" in cookie
    assert again.status_code == 200 and "Per region, intake 2026" in again.get_data(True)


def test_a_token_in_the_address_is_refused_and_sets_no_cookie(world):
    client = world.app.test_client()

    answer = client.get(f"{DASHBOARD}?token={world.tokens['auditor']}")

    assert answer.status_code == 400 and "Set-Cookie" not in answer.headers
    assert "not accepted" in answer.get_data(True) and 'method="post"' in answer.get_data(True)
    assert client.get(DASHBOARD).status_code == 401


def test_without_a_token_the_page_asks_for_one_and_a_bad_one_is_refused(world):
    client = world.app.test_client()

    asked = client.get(DASHBOARD)
    refused = client.post(f"{DASHBOARD}/sign-in", data={"token": "not-a-token"})

    assert asked.status_code == 401 and 'name="token"' in asked.get_data(True)
    assert refused.status_code == 401 and "unknown or revoked" in refused.get_data(True)
    assert "Set-Cookie" not in refused.headers
    client.set_cookie(COOKIE, "not-a-token", path="/dashboard")
    stale = client.get(DASHBOARD)
    assert stale.status_code == 401 and f"{COOKIE}=;" in stale.headers["Set-Cookie"]  # forgotten


@pytest.mark.parametrize("caller", ["college", "enterprise", "trainee", "admin"])
def test_only_monitors_and_auditors_see_the_dashboard(world, caller):
    answer = world.get(DASHBOARD, caller)

    assert answer.status_code == 403 and "monitors and auditors" in answer.get_data(True)


def test_a_regional_monitor_asking_for_another_region_is_refused(world):
    answer = world.get(DASHBOARD, "monitor_71", {"region": "35"})

    assert answer.status_code == 403 and "region 71" in answer.get_data(True)


def test_a_bad_filter_is_shown_on_the_page(world):
    answer = world.get(DASHBOARD, "auditor", {"year": "soon"})

    assert answer.status_code == 422 and "year must be a whole number" in answer.get_data(True)


def test_the_page_downloads_the_same_figures_signed_in_by_its_cookie(world):
    client = world.app.test_client()
    client.post(f"{DASHBOARD}/sign-in", data={"token": world.tokens["monitor_35"]})

    answer = client.get(f"{DASHBOARD}/dual-training.csv", query_string={"group_by": "college"})
    api = world.get("/api/v1/monitoring/dual-training.csv", "monitor_35",
                    {"group_by": "college"})

    assert answer.status_code == 200 and answer.get_data() == api.get_data()
    assert "region-35" in answer.headers["Content-Disposition"]


def test_the_page_downloads_the_overdue_deadlines(world):
    client = world.app.test_client()
    client.post(f"{DASHBOARD}/sign-in", data={"token": world.tokens["auditor"]})

    answer = client.get(f"{DASHBOARD}/deadlines.xlsx", query_string={"group_by": "region"})
    api = world.get("/api/v1/monitoring/deadlines.xlsx", "auditor", {"group_by": "region"})

    assert answer.status_code == 200 and answer.mimetype == api.mimetype
    assert answer.headers["Content-Disposition"] == api.headers["Content-Disposition"]


def test_signing_out_forgets_the_cookie(world):
    client = world.app.test_client()
    client.post(f"{DASHBOARD}/sign-in", data={"token": world.tokens["auditor"]})

    out = client.get(f"{DASHBOARD}/sign-out")

    assert out.status_code == 303 and f"{COOKIE}=;" in out.headers["Set-Cookie"]
    assert client.get(DASHBOARD).status_code == 401

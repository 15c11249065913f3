"""Reimbursement figures from the views (exactly once, batched), by region, college, enterprise."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    OTHER_COLLEGE_BIN,
)
from tests.application.projections.world import BACKENDS, Built, built_world


@pytest.fixture(scope="module", params=BACKENDS)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[Built]:
    with built_world(request.param, tmp_path_factory.mktemp("reimbursement")) as world:
        yield world


def shown(figures) -> list[dict]:  # type: ignore[no-untyped-def]
    return [{k: v for k, v in f.as_dict().items() if k != "label"} for f in figures]


def row(group: str, year: int, *, counts: tuple[int, int, int, int], claimed: str,
        approved: str, paid: str, budget: str | None) -> dict:
    submitted, approved_count, paid_count, rejected = counts
    return {"group": group, "year": year, "academic_year": f"{year}-{year + 1}",
            "claims_submitted": submitted, "claims_approved": approved_count,
            "claims_paid": paid_count, "claims_rejected": rejected,
            "claimed": Decimal(claimed), "approved": Decimal(approved), "paid": Decimal(paid),
            "budget": None if budget is None else Decimal(budget),
            "remaining": None if budget is None else Decimal(budget) - Decimal(approved)}


def test_figures_by_college_count_claims_by_status_and_what_remains_of_the_budget(built):
    figures = shown(built.projections.monitoring_reimbursement("college"))
    assert figures == sorted([
        row(COLLEGE_BIN, 2026, counts=(1, 0, 1, 1), claimed="90000", approved="60000",
            paid="60000", budget="100000"),
        row(OTHER_COLLEGE_BIN, 2025, counts=(0, 2, 0, 0), claimed="40000", approved="40000",
            paid="0", budget="50000"),
    ], key=lambda r: (r["group"], r["year"]))


def test_figures_by_region_and_year_filter_and_by_enterprise_have_no_budget(built):
    region = shown(built.projections.monitoring_reimbursement("region", year=2026))
    assert region == [row("35", 2026, counts=(1, 0, 1, 1), claimed="90000", approved="60000",
                          paid="60000", budget="100000")]
    assert shown(built.projections.monitoring_reimbursement("region", region="71")) == [
        row("71", 2025, counts=(0, 2, 0, 0), claimed="40000", approved="40000", paid="0",
            budget="50000")]
    enterprise = shown(built.projections.monitoring_reimbursement("enterprise", year=2026))
    assert enterprise == [row(ENTERPRISE_BIN, 2026, counts=(1, 0, 1, 1), claimed="90000",
                              approved="60000", paid="60000", budget=None)]


def test_a_rebuild_gives_the_same_reimbursement_views(built):
    assert built.projections.verify() == []

"""Reimbursement figures (Order No. 597) and the claims list, read from the views.

Figures, per group (region, college or enterprise) and academic year (``year``: its
first calendar year, ``academic_year``: "2026-2027"), with no personal data:

* claims by status: submitted (awaiting a decision), approved (not yet paid), paid,
  rejected; a claim whose payment came back counts as approved again;
* ``claimed``: the costs claimed by claims that were not rejected (a rejected claim's
  month may be claimed again, and would otherwise count twice);
* ``approved``: the amounts approved (of approved and paid claims), which is what is
  charged to the colleges' budgets; ``paid``: paid net of reversals;
* ``budget``: the colleges' budgets for the year (a college's in its region);
  ``remaining`` = budget - approved. A budget is a college's: grouped by enterprise
  both are null.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from application.projections.listing import MAX_PER_PAGE, Page, whole_number
from application.projections.monitoring import check_filters
from application.projections.ports import Row, ViewStore
from application.projections.schema import REIMBURSEMENT_CLAIMS
from domain.reimbursement.records import ClaimStatus
from domain.shared.errors import InvalidValueError
from domain.shared.regions import REGIONS

GROUPS = {"region": "region", "college": "college_bin", "enterprise": "enterprise_bin"}
STATUSES = tuple(status.value for status in ClaimStatus)
_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ReimbursementFigures:
    group: str
    label: str
    year: int
    academic_year: str
    claims_submitted: int
    claims_approved: int
    claims_paid: int
    claims_rejected: int
    claimed: Decimal
    approved: Decimal
    paid: Decimal
    budget: Decimal | None
    remaining: Decimal | None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


REIMBURSEMENT_COLUMNS = tuple(ReimbursementFigures.__dataclass_fields__)


def check_group(group_by: str) -> str:
    if group_by not in GROUPS:
        raise InvalidValueError(f"group_by must be one of {', '.join(GROUPS)}, got "
                                f"{group_by!r}", field="group_by", rule="group_by")
    return group_by


def figures(store: ViewStore, group_by: str, *, year: object,
            region: object) -> list[ReimbursementFigures]:
    group = check_group(group_by)
    checked_year, checked_region = check_filters(year, region)
    claims, budgets = store.reimbursement_figures(GROUPS[group], year=checked_year,
                                                  region=checked_region)
    by_claims = {(r["grp"], r["year"]): r for r in claims}
    by_budget = {(r["grp"], r["year"]): r for r in budgets} if group != "enterprise" else {}
    names = REGIONS if group == "region" else store.organisation_names()
    return [_figures(key, by_claims.get(key), by_budget.get(key), group, names)
            for key in sorted(by_claims.keys() | by_budget.keys())]


def _figures(key: tuple[str, int], claims: Row | None, budget: Row | None, group: str,
             names: Mapping[str, str]) -> ReimbursementFigures:
    found = claims or {}
    approved = found.get("approved") or _ZERO
    amount = None if group == "enterprise" else (budget or {}).get("amount") or _ZERO
    return ReimbursementFigures(
        group=key[0], label=names.get(key[0], key[0]), year=key[1],
        academic_year=f"{key[1]}-{key[1] + 1}",
        **{f"claims_{status}": int(found.get(f"claims_{status}") or 0) for status in STATUSES},
        claimed=found.get("claimed") or _ZERO, approved=approved,
        paid=found.get("paid") or _ZERO, budget=amount,
        remaining=None if amount is None else amount - approved)


# The claims list ----------------------------------------------------------------------

ITEM_COLUMNS = tuple(c for c in REIMBURSEMENT_CLAIMS.column_names if c != "payments")


def clean_filters(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Typed query values (UUID, ClaimStatus, BIN) as the view's columns hold them."""
    filters: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None or value == "":
            continue
        filters[name] = str(getattr(value, "value", value))
    return filters


def list_claims(store: ViewStore, filters: Mapping[str, Any], page: object = 1,
                per_page: object = 20) -> Page:
    number = whole_number("page", page)
    size = whole_number("per_page", per_page, high=MAX_PER_PAGE)
    rows, total = store.select(REIMBURSEMENT_CLAIMS, filters,
                               [("submitted_at", True), ("claim_id", False)],
                               limit=size, offset=(number - 1) * size)
    return Page([{name: row[name] for name in ITEM_COLUMNS} for row in rows], total, number,
                size)

"""The reimbursement sums (portable SQL); what they mean: ``application.projections.reimbursement``."""

from __future__ import annotations

from typing import Any

from application.projections.ports import Row
from application.projections.schema import REIMBURSEMENT_BUDGETS, REIMBURSEMENT_CLAIMS
from infrastructure.views.dialect import TableNames, from_cents
from infrastructure.views.figures import _fetch, _where

_STATUSES = ("submitted", "approved", "paid", "rejected")
_CLAIM_GROUPS = ("region", "college_bin", "enterprise_bin")
_BUDGET_GROUPS = {"region": 'o."region"', "college_bin": 'b."college_bin"'}


def figures(store: TableNames, cursor: Any, group_by: str, *, year: int | None,
            region: str | None) -> tuple[list[Row], list[Row]]:
    if group_by not in _CLAIM_GROUPS:
        raise ValueError(f"cannot group reimbursement claims by {group_by!r}")
    counts = "".join(f"SUM(CASE WHEN c.status = '{s}' THEN 1 ELSE 0 END) AS claims_{s}, "
                     for s in _STATUSES)
    where, params = _where([('c."region" = ?', region), ('c."year" = ?', year)])
    cursor.execute(store.dialect.sql(
        f'SELECT c."{group_by}" AS grp, c.year AS year, {counts}'
        "SUM(CASE WHEN c.status <> 'rejected' THEN c.claimed ELSE 0 END) AS claimed, "
        "SUM(CASE WHEN c.status IN ('approved', 'paid') THEN c.approved ELSE 0 END) "
        "AS approved, SUM(c.paid) AS paid "
        f"FROM {store.table_name(REIMBURSEMENT_CLAIMS)} c{where} "
        f'GROUP BY c."{group_by}", c.year'), params)
    claims = _fetch(cursor)
    for row in claims:
        for column in ("claimed", "approved", "paid"):
            row[column] = from_cents(row[column])
    if group_by not in _BUDGET_GROUPS:
        return claims, []
    group = _BUDGET_GROUPS[group_by]
    where, params = _where([('o."region" = ?', region), ('b."year" = ?', year)])
    # A budget is counted in its college's region, looked up when asked.
    cursor.execute(store.dialect.sql(
        f"SELECT {group} AS grp, b.year AS year, SUM(b.amount) AS amount "
        f"FROM {store.table_name(REIMBURSEMENT_BUDGETS)} b "
        f"LEFT JOIN {store.table_name('organisations')} o ON o.bin = b.college_bin"
        f"{where} GROUP BY {group}, b.year"), params)
    budgets = [row for row in _fetch(cursor) if row["grp"] is not None]
    for row in budgets:
        row["amount"] = from_cents(row["amount"])
    return claims, budgets

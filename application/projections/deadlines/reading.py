"""The view rows a deadline question reads: one scope's agreements, contracts, claims
and targeted-training orders.

Only agreements in a state some kind looks at are read (by the indexed ``status``
column and the scope's own indexed column), and the certificates of the closed ones;
only the claims awaiting a decision and the accepted orders (the only ones with
students).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from application.projections.deadlines.kinds import Facts
from application.projections.ports import Row, ViewStore
from application.projections.schema import (
    AGREEMENTS,
    CERTIFICATES,
    MENTOR_CONTRACTS,
    ORGANISATIONS,
    REIMBURSEMENT_CLAIMS,
    TARGETED_ORDERS,
    Table,
)

STATUSES = ("draft", "active", "completed", "terminated")
_PAGE = 2000


def all_rows(store: ViewStore, table: Table, filters: Mapping[str, Any]) -> list[Row]:
    rows: list[Row] = []
    while True:
        page, total = store.select(table, filters, [(table.key, False)], _PAGE, len(rows))
        rows += page
        if not page or len(rows) >= total:
            return rows


def read_facts(store: ViewStore, agreements: Mapping[str, Any] | None,
               contracts: Mapping[str, Any] | None, claims: Mapping[str, Any] | None = None,
               orders: Mapping[str, Any] | None = None) -> Facts:
    """Each mapping: the column filters of the scope in that view (None: no rows)."""
    facts = Facts()
    if claims is not None:
        facts.claims = all_rows(store, REIMBURSEMENT_CLAIMS, {**claims, "status": "submitted"})
    if orders is not None:
        facts.orders = all_rows(store, TARGETED_ORDERS, {**orders, "status": "accepted"})
    if agreements is not None:
        facts.agreements = [row for status in STATUSES
                            for row in all_rows(store, AGREEMENTS, {**agreements,
                                                                    "status": status})]
        closed = [row["agreement_id"] for row in facts.agreements if row["closed_on"]]
        facts.certified = {row["agreement_id"] for row in
                           store.select_in(CERTIFICATES, "agreement_id", closed)}
    if contracts is not None:
        facts.contracts = all_rows(store, MENTOR_CONTRACTS, contracts)
        colleges = {row["college_bin"] for row in facts.contracts}
        facts.college_regions = {row["bin"]: row["region"] for row in
                                 store.select_in(ORGANISATIONS, "bin", colleges)}
    return facts

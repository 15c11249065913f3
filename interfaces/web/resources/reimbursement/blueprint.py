"""The reimbursement blueprint: under ``/api/v1``, routes in ``reference`` and ``claims``."""

from __future__ import annotations

from interfaces.web.api import ApiBlueprint

blp = ApiBlueprint("reimbursement", __name__, url_prefix="/api/v1",
                   description="Reimbursement of enterprises' dual-training costs (Order "
                               "No. 597): norms, college budgets, claims, decisions, payments.")

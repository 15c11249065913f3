"""The reimbursement views: one row per claim, one per college budget and academic year.

A claim's row follows its status; ``approved`` is the amount approved while the claim
is approved or paid, ``paid`` what is paid net of reversals (a returned payment reopens
the claim: approved again, nothing paid). Payments are kept by reference with their
amounts, because a reversal names only the reference. A budget's row holds the amount
last set; what remains of it is computed at query time from the claims approved.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from application.projections.handlers import (
    Handler,
    handlers_for,
    money,
    originator_key,
    plain,
    touched,
)
from application.projections.ports import Row
from application.projections.pseudonyms import Pseudonyms
from application.projections.schema import REIMBURSEMENT_BUDGETS, REIMBURSEMENT_CLAIMS

CLAIM = "dualtrack:reimbursement.ReimbursementClaim"
BUDGET = "dualtrack:reimbursement.ReimbursementBudget"
_ZERO = Decimal("0.00")


def _submitted(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    row = {"claim_id": str(event.originator_id), "agreement_id": str(event.agreement_id),
           "college_bin": plain(event.college_bin),
           "enterprise_bin": plain(event.enterprise_bin), "region": event.region,
           "month": str(event.month), "year": event.academic_year.start_year,
           "status": "submitted", "claimed": money(event.claimed),
           "payable": money(event.payable), "practice_days": event.practice_days,
           "approved": _ZERO, "paid": _ZERO, "payments": {}, "submitted_at": event.timestamp,
           "submitted_on": event.submitted_on}
    return touched(row, event)


def _changing(change: Any) -> Any:
    def apply(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
        if row is None:
            return None
        change(event, row)
        row["paid"] = sum((Decimal(p["amount"]) for p in row["payments"].values()
                           if not p["reversed"]), _ZERO)
        return touched(row, event)
    return apply


def _approved(event: Any, row: Row) -> None:
    row["status"], row["approved"] = "approved", money(event.amount)


def _rejected(event: Any, row: Row) -> None:
    row["status"] = "rejected"


def _payment_recorded(event: Any, row: Row) -> None:
    row["status"] = "paid"
    row["payments"] = {**row["payments"], event.payment_reference: {
        "amount": str(money(event.amount)), "reversed": False}}


def _payment_reversed(event: Any, row: Row) -> None:
    payment = row["payments"].get(event.payment_reference)
    if payment is not None:
        row["status"] = "approved"
        row["payments"] = {**row["payments"],
                           event.payment_reference: {**payment, "reversed": True}}


def _budget_opened(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    return touched({"budget_id": str(event.originator_id),
                    "college_bin": plain(event.college_bin),
                    "year": event.academic_year.start_year, "amount": _ZERO}, event)


def _amount_set(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    if row is None:
        return None
    row["amount"] = money(event.amount)
    return touched(row, event)


HANDLERS: dict[str, Handler] = {
    **handlers_for(CLAIM, REIMBURSEMENT_CLAIMS, originator_key, {
        "Submitted": _submitted,
        "Approved": _changing(_approved),
        "Rejected": _changing(_rejected),
        "PaymentRecorded": _changing(_payment_recorded),
        "PaymentReversed": _changing(_payment_reversed),
    }),
    **handlers_for(BUDGET, REIMBURSEMENT_BUDGETS, originator_key, {
        "Opened": _budget_opened,
        "AmountSet": _amount_set,
    }),
}

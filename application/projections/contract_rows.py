"""The mentor contracts view: what each paid-services contract approved, paid and reversed.

Totals follow ``domain.mentor_payments.ledger``: approved is the sum of approved acts; paid is
net of reversals (a returned payment reopens its amount), and reversed is shown on its
own. The mentor is a pseudonym. Acts and payments are kept by number and reference
only, with their amounts, because a later event names them and not their amounts.
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
from application.projections.schema import MENTOR_CONTRACTS
from domain.shared.calendar import business_today

PREFIX = "dualtrack:mentor_payments.MentorServiceContract"
_ZERO = Decimal("0.00")


def _concluded(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    row = {
        "contract_id": str(event.originator_id), "number": event.number,
        "college_bin": plain(event.college_bin), "enterprise_bin": plain(event.enterprise_bin),
        "mentor_key": keys.mentor(plain(event.mentor_iin)), "start_date": event.term.start,
        "end_date": event.term.end, "year": event.term.start.year,
        "ceiling": money(event.ceiling), "acts": {}, "payments": {},
    }
    return touched(_totals(row), event)


def _totals(row: Row) -> Row:
    acts, payments = row["acts"].values(), row["payments"].values()
    row["approved_total"] = sum((Decimal(a["amount"]) for a in acts
                                 if a["status"] == "approved"), _ZERO)
    row["paid_total"] = sum((Decimal(p["amount"]) for p in payments if not p["reversed"]), _ZERO)
    row["reversed_total"] = sum((Decimal(p["amount"]) for p in payments if p["reversed"]), _ZERO)
    return row


def _changing(change: Any) -> Any:
    def apply(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
        if row is None:
            return None
        change(event, row)
        return touched(_totals(row), event)
    return apply


def _act_submitted(event: Any, row: Row) -> None:
    # The business days of submission and decision are kept for the deadlines.
    row["acts"] = {**row["acts"], str(event.number): {
        "amount": str(money(event.amount)), "status": "submitted",
        "submitted_on": business_today(event.timestamp).isoformat()}}


def _act_decided(status: str) -> Any:
    def change(event: Any, row: Row) -> None:
        act = row["acts"].get(str(event.number))
        if act is not None:
            row["acts"] = {**row["acts"], str(event.number): {
                **act, "status": status, "decided_in": event.originator_version,
                "decided_on": business_today(event.timestamp).isoformat()}}
    return change


def _payment_recorded(event: Any, row: Row) -> None:
    row["payments"] = {**row["payments"], event.payment_reference: {
        "amount": str(money(event.amount)), "reversed": False}}


def _payment_reversed(event: Any, row: Row) -> None:
    payment = row["payments"].get(event.payment_reference)
    if payment is not None:
        row["payments"] = {**row["payments"],
                           event.payment_reference: {**payment, "reversed": True}}


HANDLERS: dict[str, Handler] = handlers_for(PREFIX, MENTOR_CONTRACTS, originator_key, {
    "Concluded": _concluded,
    "ActSubmitted": _changing(_act_submitted),
    "ActApproved": _changing(_act_decided("approved")),
    "ActRejected": _changing(_act_decided("rejected")),
    "PaymentRecorded": _changing(_payment_recorded),
    "PaymentReversed": _changing(_payment_reversed),
})

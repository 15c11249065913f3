"""The patronage memoranda view: one row per memorandum, with its deliveries as dated facts.

No personal data: a memorandum names organisations only. The deliveries are kept as
``[date, ...]`` lists (JSON) so the monitoring figures can be counted by year; the
status is the stored one (``expired`` is worked out when read, as on the aggregate).
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
from application.projections.schema import PATRONAGE_MEMORANDA

PREFIX = "dualtrack:patronage.PatronageMemorandum"
_PARTIES = 2  # the enterprise and the college


def _value(enum_or_text: Any) -> str:
    return str(getattr(enum_or_text, "value", enum_or_text))


def _drafted(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    row = {
        "memorandum_id": str(event.originator_id), "number": event.number, "status": "draft",
        "enterprise_bin": plain(event.enterprise_bin), "college_bin": plain(event.college_bin),
        "region": event.region, "valid_from": event.term.start, "valid_to": event.term.end,
        "signatures": [], "in_force_from": None, "terminated_on": None,
        "commitments": [[_value(c.kind), c.target] for c in event.commitments],
        "fulfilments": [], "material_aid": [], "programmes": [],
        "material_aid_total": Decimal("0.00"), "drafted_at": event.timestamp,
    }
    return touched(row, event)


def _changing(change: Any) -> Any:
    def apply(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
        if row is None:
            return None
        change(event, row)
        return touched(row, event)
    return apply


def _signed(event: Any, row: Row) -> None:
    row["signatures"] = [*row["signatures"], _value(event.party)]
    if len(set(row["signatures"])) == _PARTIES:
        row["status"] = "in_force"
        row["in_force_from"] = max(row["valid_from"], event.signed_on)


def _fulfilled(event: Any, row: Row) -> None:
    done = event.fulfilment
    row["fulfilments"] = [*row["fulfilments"],
                          [done.date.isoformat(), _value(done.kind), done.quantity]]


def _aid(event: Any, row: Row) -> None:
    aid = event.aid
    row["material_aid"] = [*row["material_aid"], [aid.date.isoformat(), str(money(aid.amount))]]
    row["material_aid_total"] = row["material_aid_total"] + money(aid.amount)


def _programme(event: Any, row: Row) -> None:
    programme = event.programme
    row["programmes"] = [*row["programmes"],
                         [programme.date.isoformat(), programme.specialty_code]]


def _terminated(event: Any, row: Row) -> None:
    row["status"] = "terminated"
    row["terminated_on"] = event.termination.date


HANDLERS: dict[str, Handler] = handlers_for(PREFIX, PATRONAGE_MEMORANDA, originator_key, {
    "Drafted": _drafted,
    "Signed": _changing(_signed),
    "CommitmentFulfilled": _changing(_fulfilled),
    "MaterialAidProvided": _changing(_aid),
    "ProgrammeDeveloped": _changing(_programme),
    "Terminated": _changing(_terminated),
})

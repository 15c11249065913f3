"""Which event changes which row: one handler per stored event topic.

Handlers are keyed by the events' stable topics (``dualtrack:<area>.<Aggregate>.<Event>``),
the names stored history is written under, so the runner can skip a notification
whose topic no view needs without decoding it. A handler is a plain function of the
event and the current row; the runner reads and writes the rows in bulk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from application.projections.ports import Row
from application.projections.pseudonyms import Pseudonyms
from application.projections.schema import Table

# (event, the stored row or None, pseudonyms) -> the row to store, or None for no change.
Apply = Callable[[Any, "Row | None", Pseudonyms], "Row | None"]


@dataclass(frozen=True)
class Handler:
    table: Table
    key: Callable[[Any], str]
    apply: Apply


def handlers_for(prefix: str, table: Table, key: Callable[[Any], str],
                 by_event: dict[str, Apply]) -> dict[str, Handler]:
    """``{"<prefix>.<Event>": Handler}`` for one aggregate's events."""
    return {f"{prefix}.{name}": Handler(table, key, apply) for name, apply in by_event.items()}


def originator_key(event: Any) -> str:
    return str(event.originator_id)


def touched(row: Row, event: Any) -> Row:
    """Every event moves the row to the event's version and time."""
    row["version"] = event.originator_version
    row["updated_at"] = event.timestamp
    return row


def money(value: Any) -> Decimal:
    """A ``domain.shared.money.Money`` (or anything with ``.amount``) as a Decimal."""
    return Decimal(getattr(value, "amount", value))


def plain(value: Any) -> str:
    """An identifier value object (BIN, IIN) or string, as its string."""
    return str(getattr(value, "value", value))

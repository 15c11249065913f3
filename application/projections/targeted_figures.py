"""Targeted-training monitoring figures (API.md "More monitoring"), with no personal data.

Definitions (the columns are ``TARGETED_TRAINING_COLUMNS``):

* An order belongs to its intake academic year (``year`` is the year it starts, 2026
  for 2026-2027) and, for the region, to its college's region when it was submitted.
* Orders are counted by state; ``places`` are those of accepted orders (a submitted
  or rejected order reserves none).
* ``enrolled``: students in training now; ``withdrawn``: students who left;
  ``graduated``: every graduate (employed, released or neither yet); ``employed``:
  graduates whose employment was recorded (an employment that ended still counts);
  ``released``: graduates released from the obligation; ``early_ends``: employments
  ended before the obligation's months; ``overdue``: graduates with neither employment
  nor release 6 months after graduating, as of ``today``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from application.projections.monitoring import GROUPS, check_filters, check_group
from application.projections.ports import Row, ViewStore
from application.projections.schema import TARGETED_ORDERS
from domain.shared.regions import REGIONS
from domain.targeted_training.records import overdue_cutoff

_BATCH = 1000
_ORDER = [("order_id", False)]


@dataclass
class TargetedTrainingFigures:
    group: str
    label: str
    year: int
    orders_submitted: int = 0
    orders_accepted: int = 0
    orders_rejected: int = 0
    places: int = 0
    enrolled: int = 0
    withdrawn: int = 0
    graduated: int = 0
    employed: int = 0
    released: int = 0
    early_ends: int = 0
    overdue: int = 0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def add(self, row: Row, cutoff: date) -> None:
        status = row["status"]
        setattr(self, f"orders_{status}", getattr(self, f"orders_{status}") + 1)
        if status == "accepted":
            self.places += row["places"]
        for name in ("enrolled", "withdrawn", "graduated", "employed", "released",
                     "early_ends"):
            setattr(self, name, getattr(self, name) + row[name])
        self.overdue += sum(1 for student in row["enrolments"].values()
                            if _overdue(student, cutoff))


def _overdue(student: Mapping[str, Any], cutoff: date) -> bool:
    graduated_on = student.get("graduated_on")
    return graduated_on is not None and student.get("outcome") is None and \
        date.fromisoformat(graduated_on) <= cutoff


TARGETED_TRAINING_COLUMNS = tuple(f.name for f in fields(TargetedTrainingFigures))


def _rows(store: ViewStore, filters: Mapping[str, Any]) -> Iterator[Row]:
    offset = 0
    while True:
        rows, _ = store.select(TARGETED_ORDERS, filters, _ORDER, limit=_BATCH, offset=offset)
        yield from rows
        if len(rows) < _BATCH:
            return
        offset += _BATCH


def targeted_training(store: ViewStore, group_by: str, *, year: object, region: object,
                      today: date) -> list[TargetedTrainingFigures]:
    group = check_group(group_by)
    checked_year, checked_region = check_filters(year, region)
    filters = {name: value for name, value in (("year", checked_year),
                                               ("region", checked_region)) if value is not None}
    names: Mapping[str, str] = REGIONS if group == "region" else \
        store.organisation_names() if group in ("college", "enterprise") else {}
    cutoff = overdue_cutoff(today)
    figures: dict[tuple[str, int], TargetedTrainingFigures] = {}
    for row in _rows(store, filters):
        key = (row[GROUPS[group]], row["year"])
        if key not in figures:
            figures[key] = TargetedTrainingFigures(key[0], names.get(key[0]) or key[0], key[1])
        figures[key].add(row, cutoff)
    return [figures[key] for key in sorted(figures)]

"""Comparing live views with views rebuilt from the first event.

Both sides are read at the same tracked positions, so any difference is a fault in
the live views (a lost or doubled update, a hand edit), never a timing artefact.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from application.projections.ports import Row, ViewReader
from application.projections.schema import TABLES, Table


@dataclass(frozen=True)
class Difference:
    view: str
    key: str  # the row's key; "" for the tracking positions
    column: str  # "" when the whole row is missing on one side
    live: Any
    rebuilt: Any

    def __str__(self) -> str:
        where = f"{self.view}[{self.key}]" if self.key else self.view
        if self.column:
            where += f".{self.column}"
        return f"{where}: live {self.live!r}, rebuilt {self.rebuilt!r}"


def compare(live: ViewReader, rebuilt: ViewReader, *, limit: int = 100) -> list[Difference]:
    """Every difference (up to ``limit``) between two sets of views."""
    differences: list[Difference] = []
    live_positions, rebuilt_positions = live.positions(), rebuilt.positions()
    if live_positions != rebuilt_positions:
        differences.append(Difference("tracking", "", "positions", live_positions,
                                      rebuilt_positions))
    for table in TABLES:
        for difference in _table_differences(table, live.rows(table), rebuilt.rows(table)):
            differences.append(difference)
            if len(differences) >= limit:
                return differences
    return differences


def _table_differences(table: Table, live: Iterator[Row],
                       rebuilt: Iterator[Row]) -> Iterator[Difference]:
    # Both sides come in key order: a merge walk needs no more memory than two rows.
    key = table.key
    left, right = next(live, None), next(rebuilt, None)
    while left is not None or right is not None:
        if left is not None and (right is None or left[key] < right[key]):
            yield Difference(table.name, left[key], "", "present", "missing")
            left = next(live, None)
        elif right is not None and (left is None or right[key] < left[key]):
            yield Difference(table.name, right[key], "", "missing", "present")
            right = next(rebuilt, None)
        elif left is not None and right is not None:
            for column in table.column_names:
                if left[column] != right[column]:
                    yield Difference(table.name, left[key], column, left[column], right[column])
            left, right = next(live, None), next(rebuilt, None)

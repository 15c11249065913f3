"""Positions of writes, for read-your-writes, and of views, for status and lag.

A write's position is the notification id its application gave it; ids of different
applications are unrelated, so a position is always named with its application:
``agreements:1234``. A client that has just written sends it back (``X-Min-Position``
header or ``min_position`` parameter; several joined by commas), and a list or
monitoring read first waits, briefly, until the views have applied it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from application.projections.schema import SOURCES, TABLES
from domain.shared.errors import InvalidValueError


def parse_positions(text: str | None, *, default_source: str | None = None,
                    field: str = "min_position") -> dict[str, int]:
    """``"agreements:12,mentor_payments:7"`` -> ``{"agreements": 12, "mentor_payments": 7}``.

    A bare number (``"12"``) is a position in ``default_source``, when one is given.
    """
    positions: dict[str, int] = {}
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        source, _, number = part.rpartition(":")
        source = source.strip() or (default_source or "")
        if source not in SOURCES:
            known = ", ".join(SOURCES)
            raise InvalidValueError(
                f"{part!r} is not a position: use <application>:<number>, the application "
                f"being one of {known}", field=field, rule="position")
        if not number.strip().isdigit():
            raise InvalidValueError(f"{part!r} has no whole-number position", field=field,
                                    rule="position")
        positions[source] = max(positions.get(source, 0), int(number))
    return positions


def format_position(source: str, position: int) -> str:
    return f"{source}:{position}"


def reached(current: Mapping[str, int], wanted: Mapping[str, int]) -> bool:
    return all(current.get(source, 0) >= position for source, position in wanted.items())


@dataclass(frozen=True)
class SourceStatus:
    """One source application as the views see it."""

    source: str
    position: int  # the last notification applied to the views
    head: int  # the last notification recorded by the application
    views: tuple[str, ...]

    @property
    def lag(self) -> int:
        return max(self.head - self.position, 0)

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "position": self.position, "head": self.head,
                "lag": self.lag, "views": list(self.views)}


def views_of(source: str) -> tuple[str, ...]:
    return tuple(table.name for table in TABLES if table.source == source)

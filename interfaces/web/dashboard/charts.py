"""Stacked horizontal bar charts, laid out on the server for inline SVG (no script, no CDN).

The dashboard must work on an offline network and without JavaScript, so the charts
are plain SVG rectangles whose geometry is computed here; the template only draws
them. Every bar also carries its numbers as text and as SVG titles (tooltips and
screen readers), so the chart is never the only place a figure is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

LABEL_WIDTH = 130
PLOT_WIDTH = 380
TOTAL_WIDTH = 50
BAR_HEIGHT = 18
BAR_GAP = 8


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    colour: str


@dataclass(frozen=True)
class Segment:
    series: Series
    value: int
    x: float
    width: float


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    total: int
    y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    series: tuple[Series, ...]
    bars: tuple[Bar, ...]
    width: int = LABEL_WIDTH + PLOT_WIDTH + TOTAL_WIDTH
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP


def stacked_bars(title: str, series: Sequence[Series],
                 rows: Sequence[tuple[str, str, Mapping[str, int]]]) -> Chart:
    """``rows``: (key, label, {series key: value}); bars scaled to the largest total."""
    totals = [sum(values.get(s.key, 0) for s in series) for _, _, values in rows]
    scale = PLOT_WIDTH / max([*totals, 1])
    bars = []
    for index, ((key, label, values), total) in enumerate(zip(rows, totals, strict=True)):
        x, segments = 0.0, []
        for item in series:
            value = values.get(item.key, 0)
            if value:
                segments.append(Segment(item, value, round(x, 2), round(value * scale, 2)))
                x += value * scale
        bars.append(Bar(key, label, total, BAR_GAP + index * (BAR_HEIGHT + BAR_GAP),
                        tuple(segments)))
    return Chart(title, tuple(series), tuple(bars))

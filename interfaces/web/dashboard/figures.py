"""What the dashboard shows: the monitoring figures summed per region and per year,
the figures per chosen group, the certificates, and their charts; and the other
programmes' figures by region and year (reimbursement, targeted training, patronage),
each a few of its monitoring endpoint's columns, taken from the same table as its
downloads (so the headers and values are the API's).

Only additive figures are summed across groups or years (agreements by state,
certificates): distinct counts such as trainees or mentors would count a person twice
when summed, so they appear only in the per-group table, as the projections give them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from application.projections import Projections
from application.projections.access import (
    certificates_for,
    deadlines_for,
    dual_training_for,
    reimbursement_for,
    targeted_training_for,
)
from application.projections.monitoring import DualTrainingFigures
from application.security import Principal
from interfaces import i18n
from interfaces.i18n import N_
from interfaces.i18n.reference import region_name
from interfaces.web.dashboard.charts import Chart, Series, stacked_bars
from interfaces.web.resources.monitoring import exports
from interfaces.web.resources.monitoring.reimbursement import table as reimbursement_table
from interfaces.web.resources.monitoring.targeted import targeted_table
from interfaces.web.resources.patronage_memoranda.monitoring import patronage_table

STATUSES = (Series("agreements_draft", N_("Draft"), "#9e9e9e"),
            Series("agreements_active", N_("Active"), "#2e7d32"),
            Series("agreements_suspended", N_("Suspended"), "#f9a825"),
            Series("agreements_completed", N_("Completed"), "#1565c0"),
            Series("agreements_terminated", N_("Terminated"), "#c62828"),
            Series("agreements_cancelled", N_("Cancelled"), "#6d4c41"))
CERTIFICATES = (Series("issued", N_("Issued"), "#2e7d32"),
                Series("pending", N_("Due, not yet overdue"), "#f9a825"),
                Series("overdue", N_("Overdue (30 days)"), "#c62828"))
SUMMED = (*(s.key for s in STATUSES), "certificates_due", "certificates_issued",
          "certificates_overdue")
# The programmes' panels: the columns shown (at most 8; the downloads hold them all).
REIMBURSEMENT_SHOWN = ("label", "academic_year", "claims_submitted", "claimed", "approved",
                       "paid", "budget", "remaining")
TARGETED_SHOWN = ("label", "year", "places", "enrolled", "graduated", "employed", "released",
                  "overdue")
PATRONAGE_SHOWN = ("label", "year", "patron_enterprises", "memoranda_in_force",
                   "programmes_developed", "commitments_fulfilled", "material_aid")


@dataclass(frozen=True)
class Panel:
    """A compact table: ``columns`` of a monitoring table, one row per group and year."""

    table: exports.Table
    keys: list[str]  # "<group>/<year>" of each row

    @property
    def columns(self) -> tuple[str, ...]:
        return self.table.columns

    @property
    def headers(self) -> tuple[str, ...]:
        return self.table.headers

    @property
    def rows(self) -> list[tuple[object, ...]]:
        return self.table.rows

    @property
    def money(self) -> frozenset[str]:
        return self.table.money


def panel(full: exports.Table, shown: tuple[str, ...]) -> Panel:
    where = [full.columns.index(column) for column in shown]
    group, year = full.columns.index("group"), full.columns.index("year")
    return Panel(exports.Table(full.title, shown, tuple(full.headers[i] for i in where),
                               [tuple(row[i] for i in where) for row in full.rows],
                               full.money & frozenset(shown)),
                 [f"{row[group]}/{row[year]}" for row in full.rows])


@dataclass(frozen=True)
class Summary:
    """Sums of the additive figures for one region or one year."""

    key: str
    label: str
    sums: Counter[str]

    @property
    def agreements(self) -> int:
        return sum(self.sums[s.key] for s in STATUSES)


@dataclass(frozen=True)
class Dashboard:
    by_region: list[Summary]
    by_year: list[Summary]
    region_chart: Chart
    year_chart: Chart
    groups: exports.Table
    certificates: exports.Table
    certificate_chart: Chart
    years: list[int]
    deadlines: exports.Table
    deadlines_group: str
    reimbursement: Panel
    targeted: Panel
    patronage: Panel


def summarise(rows: Iterable[DualTrainingFigures],
              key_of: Callable[[DualTrainingFigures], tuple[str, str]]) -> list[Summary]:
    summaries: dict[str, Summary] = {}
    for row in rows:
        key, label = key_of(row)
        summary = summaries.setdefault(key, Summary(key, label, Counter()))
        summary.sums.update({column: getattr(row, column) for column in SUMMED})
    return [summaries[key] for key in sorted(summaries)]


def _translated(series: tuple[Series, ...]) -> tuple[Series, ...]:
    return tuple(replace(item, name=i18n.gettext(item.name)) for item in series)


def _status_chart(title: str, summaries: list[Summary]) -> Chart:
    return stacked_bars(title, _translated(STATUSES),
                        [(s.key, s.label, s.sums) for s in summaries])


def build(views: Projections, caller: Principal, *, group_by: str, year: int | None,
          region: str | None) -> Dashboard:
    """Everything on the page for ``caller``, whose region scope is already applied."""
    regions = dual_training_for(views, caller, "region", region=region)
    in_year = [row for row in regions if year in (None, row.year)]
    by_region = summarise(in_year, lambda row: (row.group, region_name(row.group)))
    by_year = summarise(regions, lambda row: (str(row.year), str(row.year)))
    groups = dual_training_for(views, caller, group_by, year=year, region=region)
    certificates = certificates_for(views, caller, region=region)
    deadlines_group = "college" if region else "region"
    per_region: dict[str, Counter[str]] = {}
    for row in certificates:
        sums = per_region.setdefault(row.region, Counter())
        sums.update(issued=row.issued, overdue=row.overdue,
                    pending=row.due - row.issued - row.overdue)
    return Dashboard(
        by_region=by_region, by_year=by_year,
        region_chart=_status_chart(i18n.gettext("Agreements by region and state"), by_region),
        year_chart=_status_chart(i18n.gettext("Agreements by intake year and state"), by_year),
        groups=exports.dual_training_table(groups, group_by),
        certificates=exports.certificates_table(certificates),
        certificate_chart=stacked_bars(
            i18n.gettext("Certificates due, by region"), _translated(CERTIFICATES),
            [(code, region_name(code), sums) for code, sums in sorted(per_region.items())]),
        years=sorted({row.year for row in regions} | ({year} if year else set()),
                     reverse=True),
        deadlines=exports.deadlines_table(
            deadlines_for(views, caller, deadlines_group, region=region), deadlines_group),
        deadlines_group=deadlines_group,
        reimbursement=panel(reimbursement_table(reimbursement_for(
            views, caller, "region", year=year, region=region), "region"), REIMBURSEMENT_SHOWN),
        targeted=panel(targeted_table(targeted_training_for(
            views, caller, "region", year=year, region=region), "region"), TARGETED_SHOWN),
        patronage=panel(patronage_table(views.monitoring_patronage(
            caller, "region", year=year, region=region), "region"), PATRONAGE_SHOWN))


def cell(value: Any, money: bool = False, column: str = "") -> str:
    """A figure as the tables show it, in the page's language: exact (money with its two
    decimals and the tenge sign), and a dash for 'not applicable'."""
    if value is None:
        return "\u2014"
    if isinstance(value, bool | str) or column == "year":
        return str(value)
    if money and isinstance(value, Decimal | int):
        return i18n.money(value)
    if isinstance(value, Decimal | int | float):
        return i18n.number(value)
    if isinstance(value, date):
        return i18n.day(value)
    return str(value)

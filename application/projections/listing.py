"""The agreements list (API.md ``GET /api/v1/agreements``): filters, sort and pages.

Values arrive as query-string text; each is checked and refused with the field named
(HTTP 422), never passed to the store unchecked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from application.projections.ports import Row, ViewStore
from application.projections.schema import AGREEMENTS
from domain.agreements.records import AgreementStatus
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN
from domain.shared.regions import region_code

MAX_PER_PAGE = 100
DEFAULT_SORT = "-updated_at"
SORTABLE = ("number", "status", "start_date", "end_date", "year", "region", "college_bin",
            "enterprise_bin", "specialty_code", "practice_months", "compensation_total",
            "registered_at", "updated_at")
# Internal columns: how a row is recomputed, and the pseudonym used to find a trainee's own.
HIDDEN = ("trainee_key", "practice_periods", "suspension_open")
ITEM_COLUMNS = tuple(name for name in AGREEMENTS.column_names if name not in HIDDEN)


@dataclass(frozen=True)
class Page:
    items: list[Row]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return (self.total + self.per_page - 1) // self.per_page


def _status(value: object) -> str:
    if isinstance(value, AgreementStatus):
        return value.value
    known = [status.value for status in AgreementStatus]
    if value not in known:
        raise InvalidValueError(f"status must be one of {', '.join(known)}, got {value!r}",
                                field="status", rule="status")
    return str(value)


def _bin(field: str) -> Any:
    def check(value: object) -> str:
        try:
            return BIN.parse(value).value
        except InvalidValueError as error:
            raise error.at(field) from None
    return check


def _region(value: object) -> str:
    try:
        return region_code(value)
    except InvalidValueError as error:
        raise error.at("region") from None


def whole_number(field: str, value: object, *, low: int = 1, high: int | None = None) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        raise InvalidValueError(f"{field} must be a whole number, got {value!r}", field=field,
                                rule="integer")
    number = int(text)
    if number < low or (high is not None and number > high):
        bounds = f"{low}-{high}" if high is not None else f"at least {low}"
        raise InvalidValueError(f"{field} must be {bounds}, got {number}", field=field,
                                rule="range")
    return number


_FILTERS = {
    "status": _status, "college_bin": _bin("college_bin"),
    "enterprise_bin": _bin("enterprise_bin"), "region": _region,
    "specialty_code": str, "year": lambda value: whole_number("year", value, low=1900),
    "trainee_key": str, "current_mentor_key": str,
}


def clean_filters(raw: Mapping[str, Any]) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    for name, value in raw.items():
        if value is None or value == "":
            continue
        if name not in _FILTERS:
            raise InvalidValueError(f"{name!r} is not a filter of the agreements list "
                                    f"(filters: {', '.join(_FILTERS)})", field=name,
                                    rule="unknown_filter")
        filters[name] = _FILTERS[name](value)
    return filters


def parse_sort(sort: str | None) -> list[tuple[str, bool]]:
    sort = sort or DEFAULT_SORT
    column, descending = sort.removeprefix("-"), sort.startswith("-")
    if column not in SORTABLE:
        raise InvalidValueError(f"sort must be one of {', '.join(SORTABLE)}, optionally "
                                f"prefixed with '-' for descending; got {sort!r}",
                                field="sort", rule="sort")
    # The id last: pages never overlap or skip rows that tie on the sort column.
    return [(column, descending), ("agreement_id", False)]


def empty_page(page: object, per_page: object) -> Page:
    """No rows (the caller may see none), with the paging still checked."""
    return Page([], 0, whole_number("page", page),
                whole_number("per_page", per_page, high=MAX_PER_PAGE))


def list_agreements(store: ViewStore, filters: Mapping[str, Any], page: object = 1,
                    per_page: object = 20, sort: str | None = None) -> Page:
    number = whole_number("page", page)
    size = whole_number("per_page", per_page, high=MAX_PER_PAGE)
    rows, total = store.select(AGREEMENTS, clean_filters(filters), parse_sort(sort),
                               limit=size, offset=(number - 1) * size)
    items = [{name: row[name] for name in ITEM_COLUMNS} for row in rows]
    return Page(items, total, number, size)

"""Patronage memoranda read from the views: the list, and the monitoring figures (НОБД).

The list (``GET /api/v1/patronage-memoranda``) is narrowed to the caller's own memoranda:
an enterprise's, a college's; auditors see all. Pages are ``limit`` rows after an opaque
``cursor``, in the order the memoranda were drafted.

Monitoring figures, per group (region of the college, college, enterprise) and calendar
year, with no personal data (definitions also in docs/patronage.md):

* memoranda in force: signed by both parties, counted in every year their days in force
  (``in_force_from`` to the termination day or ``valid_to``) touch;
* patron enterprises: distinct enterprises of those memoranda;
* programmes developed, commitments fulfilled (records, and the quantity they add up to)
  and material aid (KZT): by the year of their date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from application.errors import PermissionDeniedError
from application.projections.listing import whole_number
from application.projections.monitoring import check_filters
from application.projections.paging import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    CursorPage,
    decode_cursor,
    select_page,
)
from application.projections.ports import Row, ViewStore
from application.projections.schema import PATRONAGE_MEMORANDA
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN
from domain.shared.regions import REGIONS

LIST_READERS = (Role.ENTERPRISE, Role.COLLEGE, Role.AUDITOR)
GROUPS = {"region": "region", "college": "college_bin", "enterprise": "enterprise_bin"}
ITEM_COLUMNS = ("memorandum_id", "number", "status", "enterprise_bin", "college_bin", "region",
                "valid_from", "valid_to", "in_force_from", "terminated_on",
                "material_aid_total", "version", "updated_at")
_ORDER = (("drafted_at", False), ("memorandum_id", False))
_EVERYTHING = 10_000_000


# The list ---------------------------------------------------------------------------

MemorandumPage = CursorPage  # API.md's one list shape: {items, next_cursor}


def read_status(row: Row, today: date) -> str:
    """``expired``: in force, but past its ``valid_to`` (the term ended it)."""
    if row["status"] == "in_force" and row["valid_to"] < today:
        return "expired"
    return str(row["status"])


def _scope(principal: Principal, filters: Mapping[str, BIN | None]) -> dict[str, str] | None:
    principal.require_role(*LIST_READERS)
    scoped = {name: value.value for name, value in filters.items() if value is not None}
    own = {Role.ENTERPRISE: "enterprise_bin", Role.COLLEGE: "college_bin"}.get(principal.role)
    if own is None or principal.role is Role.SYSTEM:
        return scoped
    if principal.subject is None or scoped.get(own, principal.subject) != principal.subject:
        return None  # another party's rows: an empty list, not an error
    return {**scoped, own: principal.subject}


def memoranda_for(store: ViewStore, principal: Principal, *, college_bin: BIN | None = None,
                  enterprise_bin: BIN | None = None, limit: object = DEFAULT_LIMIT,
                  cursor: str | None = None, today: date) -> MemorandumPage:
    size = whole_number("limit", limit, high=MAX_LIMIT)
    decode_cursor(cursor)  # a bad cursor is refused even when the caller sees nothing
    scope = _scope(principal, {"college_bin": college_bin, "enterprise_bin": enterprise_bin})
    if scope is None:
        return CursorPage.empty()
    page = select_page(store, PATRONAGE_MEMORANDA, scope, _ORDER, limit=size, cursor=cursor,
                       item=lambda row: {**{name: row[name] for name in ITEM_COLUMNS},
                                         "status": read_status(row, today)})
    return page


# Monitoring -------------------------------------------------------------------------

@dataclass(frozen=True)
class PatronageFigures:
    group: str
    label: str
    year: int
    patron_enterprises: int
    memoranda_in_force: int
    programmes_developed: int
    commitments_fulfilled: int
    fulfilled_quantity: int
    material_aid: Decimal

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


PATRONAGE_COLUMNS = tuple(PatronageFigures.__dataclass_fields__)


@dataclass
class _Sums:
    enterprises: set[str] = field(default_factory=set)
    in_force: int = 0
    programmes: int = 0
    fulfilments: int = 0
    quantity: int = 0
    aid: Decimal = Decimal("0.00")


def check_group(group_by: str) -> str:
    if group_by not in GROUPS:
        raise InvalidValueError(f"group_by must be one of {', '.join(GROUPS)}, got "
                                f"{group_by!r}", field="group_by", rule="group_by")
    return group_by


def monitoring_region(principal: Principal, region: str | None) -> str | None:
    """Monitors and auditors; a regional monitor sees its own region only."""
    principal.require_role(Role.MONITOR, Role.AUDITOR)
    if principal.role is Role.MONITOR and principal.subject:
        if region not in (None, "", principal.subject):
            raise PermissionDeniedError(f"a monitor of region {principal.subject} sees only "
                                        "that region's figures")
        return principal.subject
    return region or None


def patronage_figures(store: ViewStore, group_by: str, *, year: object = None,
                      region: object = None) -> list[PatronageFigures]:
    group = GROUPS[check_group(group_by)]
    wanted_year, wanted_region = check_filters(year, region)
    filters = {"region": wanted_region} if wanted_region else {}
    rows, _ = store.select(PATRONAGE_MEMORANDA, filters, _ORDER, limit=_EVERYTHING, offset=0)
    sums: dict[tuple[str, int], _Sums] = {}

    def at(row: Row, in_year: int) -> _Sums | None:
        if wanted_year is not None and in_year != wanted_year:
            return None
        return sums.setdefault((str(row[group]), in_year), _Sums())

    for row in rows:
        _count_row(row, at)
    names = REGIONS if group_by == "region" else store.organisation_names()
    return [PatronageFigures(
        group=key[0], label=names.get(key[0], key[0]), year=key[1],
        patron_enterprises=len(s.enterprises), memoranda_in_force=s.in_force,
        programmes_developed=s.programmes, commitments_fulfilled=s.fulfilments,
        fulfilled_quantity=s.quantity, material_aid=s.aid) for key, s in sorted(sums.items())]


def _count_row(row: Row, at: Any) -> None:
    start: date | None = row["in_force_from"]
    if start is not None:
        end = row["terminated_on"] or row["valid_to"]
        for in_year in range(start.year, max(end, start).year + 1):
            sums = at(row, in_year)
            if sums is not None:
                sums.in_force += 1
                sums.enterprises.add(row["enterprise_bin"])
    for day, _specialty in row["programmes"]:
        sums = at(row, int(day[:4]))
        if sums is not None:
            sums.programmes += 1
    for day, _kind, quantity in row["fulfilments"]:
        sums = at(row, int(day[:4]))
        if sums is not None:
            sums.fulfilments += 1
            sums.quantity += int(quantity)
    for day, amount in row["material_aid"]:
        sums = at(row, int(day[:4]))
        if sums is not None:
            sums.aid += Decimal(amount)

"""``worklist``: what one party must do, and ``overdue_counts``: monitoring's figures.

A party's scope is the rows it is a party to, found by its own column of the views (a
trainee and a mentor by pseudonym: the views hold no IIN); of the items found there it
gets those that concern its role (``Item.parties``). Monitoring counts every overdue
item by kind, per region or college, and names no person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from application.projections.deadlines.kinds import Facts, Item, Thresholds
from application.projections.deadlines.reading import read_facts
from application.projections.deadlines.registry import KIND_NAMES, KINDS
from application.projections.ports import ViewStore
from application.projections.pseudonyms import Pseudonyms
from application.projections.schema import ORGANISATIONS
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.shared.regions import REGIONS

WORKLIST_READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.TRAINEE, Role.MENTOR)
GROUPS = {"region": "region", "college": "college_bin"}


def items_of(facts: Facts, today: date, limits: Thresholds) -> list[Item]:
    found = [item for kind in KINDS for item in kind.items(facts, today, limits)]
    return sorted(found, key=Item.sort_key)


Scope = tuple[dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None,
              dict[str, Any] | None]  # read_facts' filters: agreements, contracts, claims, orders


def _scope(principal: Principal, pseudonyms: Pseudonyms) -> Scope:
    subject = principal.subject or ""
    match principal.role:
        case Role.COLLEGE | Role.ENTERPRISE:
            own = {"college_bin" if principal.role is Role.COLLEGE else "enterprise_bin": subject}
            return own, own, own, own
        case Role.TRAINEE:
            return {"trainee_key": pseudonyms.trainee(subject)}, None, None, None
        case Role.MENTOR:
            key = pseudonyms.mentor(subject)
            return {"current_mentor_key": key}, {"mentor_key": key}, None, None
    return None, None, None, None


def worklist(store: ViewStore, pseudonyms: Pseudonyms, principal: Principal, today: date,
             limits: Thresholds) -> list[Item]:
    principal.require_role(*WORKLIST_READERS)
    if not principal.subject:
        return []
    facts = read_facts(store, *_scope(principal, pseudonyms))
    return [item for item in items_of(facts, today, limits) if principal.role in item.parties]


@dataclass(frozen=True)
class DeadlineFigures:
    group: str
    label: str
    overdue: dict[str, int]  # by kind, every kind present

    @property
    def total(self) -> int:
        return sum(self.overdue.values())

    def as_dict(self) -> dict[str, object]:
        return {"group": self.group, "label": self.label, **self.overdue, "total": self.total}


DEADLINE_COLUMNS = ("group", "label", *KIND_NAMES, "total")


def check_group(group_by: str) -> str:
    if group_by not in GROUPS:
        raise InvalidValueError(f"group_by must be one of {', '.join(GROUPS)}, got "
                                f"{group_by!r}", field="group_by", rule="group_by")
    return group_by


def overdue_counts(store: ViewStore, group_by: str, *, region: str | None, today: date,
                   limits: Thresholds) -> list[DeadlineFigures]:
    """Overdue items by kind per group; only groups with at least one."""
    group = check_group(group_by)
    regional = {"region": region} if region else {}
    facts = read_facts(store, regional, {}, regional, regional)
    items = [item for item in items_of(facts, today, limits) if item.overdue
             and (region is None or item.region == region)]
    counts: dict[str, dict[str, int]] = {}
    for item in items:
        key = item.region if group == "region" else item.college_bin
        by_kind = counts.setdefault(key, dict.fromkeys(KIND_NAMES, 0))
        by_kind[item.kind] += 1
    names = REGIONS if group == "region" else {
        row["bin"]: row["name"] for row in store.select_in(ORGANISATIONS, "bin", counts)}
    return [DeadlineFigures(key, names.get(key, key), by_kind)
            for key, by_kind in sorted(counts.items())]

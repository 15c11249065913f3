"""The deadline kinds (DOMAIN.md "Deadlines"): one class per kind, all read from the views.

A kind reads one view row at a time (``Facts`` holds the rows of the caller's scope and
what a kind looks up beside them) and yields the items it finds as of a business day.
Every item has a due day and is overdue from the day after it; an item appears on the
day its duty starts (a draft on its registration, a practice start 14 days before it)
and disappears when the duty is done, whatever the day.

``KINDS`` is the registry the worklist and the monitoring counts walk: a new kind is one
more class (``registry.py``), with its threshold in ``Thresholds`` and, if it reads a
new view, that view's rows in ``Facts`` (loaded in ``reading.py``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from application.projections.ports import Row
from domain.shared.audit import Role


@dataclass(frozen=True)
class Thresholds:
    """Days (or months) allowed for each duty; settings ``DUALTRACK_DEADLINE_*``."""

    draft_signature_days: int = 14
    practice_start_days: int = 14
    act_approval_days: int = 10
    act_payment_days: int = 30
    certificate_days: int = 30
    claim_decision_days: int = 15
    graduate_placement_months: int = 6


@dataclass(frozen=True)
class Item:
    kind: str
    due_on: date
    overdue: bool
    subject_type: str
    subject_id: str
    detail: str
    # Not shown: who must act on it, and where it counts in monitoring.
    parties: frozenset[Role]
    college_bin: str
    region: str
    order: int = 0  # two items of one subject (a contract's acts) keep their order
    # What ``detail`` names, by name (ISO dates, amounts as decimals, codes): for a
    # reader that writes the detail in another language (interfaces.i18n).
    values: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple[date, str, str, int]:
        return self.due_on, self.kind, self.subject_id, self.order

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "due_on": self.due_on, "overdue": self.overdue,
                "subject": {"type": self.subject_type, "id": self.subject_id},
                "detail": self.detail}


@dataclass
class Facts:
    """The view rows a question is about, and what the kinds look up beside them."""

    agreements: list[Row] = field(default_factory=list)
    contracts: list[Row] = field(default_factory=list)
    certified: set[str] = field(default_factory=set)  # agreement ids with a certificate
    college_regions: dict[str, str] = field(default_factory=dict)
    claims: list[Row] = field(default_factory=list)  # reimbursement claims awaiting a decision
    orders: list[Row] = field(default_factory=list)  # accepted targeted-training orders


class DeadlineKind(ABC):
    name: str
    title: str  # a column header and a dashboard label
    subject: str

    @abstractmethod
    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]: ...

    def item(self, *, due_on: date, today: date, subject_id: str, detail: str,
             parties: frozenset[Role], college_bin: str, region: str,
             order: int = 0, values: dict[str, str] | None = None) -> Item:
        return Item(self.name, due_on, today > due_on, self.subject, subject_id, detail,
                    parties, college_bin, region, order, tuple((values or {}).items()))

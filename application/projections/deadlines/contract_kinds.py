"""Deadlines on mentor service contracts: acts awaiting approval, approved acts unpaid.

Payments are recorded against a contract, not an act (DOMAIN.md MentorServiceContract
rule 3), so the net paid total settles the approved acts in the order they were
approved (``decided_in``: the contract's version then): an act is unpaid while the
payments do not reach it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from application.projections.deadlines.kinds import DeadlineKind, Facts, Item, Thresholds
from application.projections.ports import Row
from domain.shared.audit import Role

_COLLEGE_AND_MENTOR = frozenset({Role.COLLEGE, Role.MENTOR})


def _acts(row: Row, status: str) -> list[tuple[int, dict[str, Any]]]:
    return sorted(((int(number), act) for number, act in row["acts"].items()
                   if act["status"] == status),
                  key=lambda pair: (pair[1].get("decided_in", 0), pair[0]))


class ActAwaitingApproval(DeadlineKind):
    """A submitted act not approved or rejected within the days allowed."""

    name, title, subject = "act_awaiting_approval", "Acts awaiting approval", "mentor_contract"

    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]:
        for row in facts.contracts:
            for number, act in _acts(row, "submitted"):
                submitted = date.fromisoformat(act["submitted_on"])
                if today < submitted:
                    continue
                yield self.item(
                    due_on=submitted + timedelta(days=limits.act_approval_days), today=today,
                    subject_id=row["contract_id"], parties=_COLLEGE_AND_MENTOR,
                    college_bin=row["college_bin"],
                    region=facts.college_regions.get(row["college_bin"], ""), order=number,
                    detail=f"act {number} of contract {row['number']} ({act['amount']} KZT) "
                           f"awaits approval since {submitted.isoformat()}",
                    values={"act": str(number), "contract": row["number"],
                            "amount": str(act["amount"]), "since": submitted.isoformat()})


class ActUnpaid(DeadlineKind):
    """An approved act not (wholly) paid within the days allowed after its approval."""

    name, title, subject = "act_unpaid", "Approved acts unpaid", "mentor_contract"

    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]:
        for row in facts.contracts:
            paid = Decimal(row["paid_total"])
            for number, act in _acts(row, "approved"):
                amount = Decimal(act["amount"])
                settled, paid = min(paid, amount), max(paid - amount, Decimal(0))
                approved = date.fromisoformat(act["decided_on"])
                if settled >= amount or today < approved:
                    continue
                yield self.item(
                    due_on=approved + timedelta(days=limits.act_payment_days), today=today,
                    subject_id=row["contract_id"], parties=_COLLEGE_AND_MENTOR,
                    college_bin=row["college_bin"],
                    region=facts.college_regions.get(row["college_bin"], ""), order=number,
                    detail=f"act {number} of contract {row['number']}, approved on "
                           f"{approved.isoformat()}, has {amount - settled:.2f} KZT unpaid",
                    values={"act": str(number), "contract": row["number"],
                            "approved_on": approved.isoformat(),
                            "unpaid": f"{amount - settled:.2f}"})

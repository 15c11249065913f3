"""Deadlines of the seeds' other programmes: reimbursement claims awaiting a decision,
targeted-training graduates with neither employment nor release.

A claim waits from the business day it was submitted (``submitted_on``) until the
college approves or rejects it; it is the college's to decide, and the enterprise sees
its own claim waiting. A graduate waits from the day of graduation until the enterprise
records an employment or a release (DOMAIN.md TargetedTrainingOrder rule 4); both the
enterprise and the college see it. "Without either 6 months after graduation counts as
overdue": the due day is the day before the months are up, so the item is overdue from
the same day as the targeted-training monitoring counts the graduate overdue.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from application.projections.deadlines.kinds import DeadlineKind, Facts, Item, Thresholds
from domain.shared.audit import Role
from domain.targeted_training.records import add_months

_ORGANISATIONS = frozenset({Role.COLLEGE, Role.ENTERPRISE})


class ClaimAwaitingDecision(DeadlineKind):
    """A reimbursement claim not approved or rejected within the days allowed."""

    name, title, subject = "claim_awaiting_decision", "Claims awaiting a decision", \
        "reimbursement_claim"

    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]:
        for row in facts.claims:
            submitted = row["submitted_on"]
            if row["status"] != "submitted" or today < submitted:
                continue
            yield self.item(
                due_on=submitted + timedelta(days=limits.claim_decision_days), today=today,
                subject_id=row["claim_id"], parties=_ORGANISATIONS,
                college_bin=row["college_bin"], region=row["region"],
                detail=f"claim for {row['month']} ({row['payable']} KZT payable) awaits a "
                       f"decision since {submitted.isoformat()}")


class GraduateUnplaced(DeadlineKind):
    """A targeted-training graduate with neither employment nor release recorded."""

    name, title, subject = "graduate_unplaced", "Graduates without employment or release", \
        "targeted_order"

    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]:
        for row in facts.orders:
            for number, student in sorted(row["enrolments"].items(),
                                          key=lambda pair: int(pair[0])):
                if student.get("graduated_on") is None or student.get("outcome") is not None:
                    continue
                graduated = date.fromisoformat(student["graduated_on"])
                if today < graduated:
                    continue
                due = add_months(graduated, limits.graduate_placement_months) - timedelta(days=1)
                yield self.item(
                    due_on=due, today=today, subject_id=row["order_id"],
                    parties=_ORGANISATIONS, college_bin=row["college_bin"],
                    region=row["region"], order=int(number),
                    detail=f"graduate {number} of order {row['number']}, graduated on "
                           f"{graduated.isoformat()}, has neither employment nor release")

"""The targeted orders view: one row per targeted-training order, from its events.

The students are kept by enrolment number only, each with what the figures need
(status, graduation date, outcome, early end); the running counts are recomputed
from them on every event. No IIN and no name reaches the view.
"""

from __future__ import annotations

from typing import Any

from application.projections.handlers import Handler, handlers_for, originator_key, plain, touched
from application.projections.ports import Row
from application.projections.pseudonyms import Pseudonyms
from application.projections.schema import TARGETED_ORDERS

PREFIX = "dualtrack:targeted_training.TargetedTrainingOrder"


def _submitted(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    row = {
        "order_id": str(event.originator_id), "number": event.number, "status": "submitted",
        "college_bin": plain(event.college_bin), "enterprise_bin": plain(event.enterprise_bin),
        "region": event.region, "specialty_code": event.specialty_code,
        "qualification": event.qualification, "academic_year": str(event.academic_year),
        "year": event.academic_year.start_year, "places": event.places,
        "employment_obligation_months": event.employment_obligation_months,
        "submitted_on": event.submitted_on, "decided_on": None, "enrolments": {},
    }
    return touched(_counts(row), event)


def _counts(row: Row) -> Row:
    students = list(row["enrolments"].values())
    row["enrolled"] = sum(1 for s in students if s["status"] == "enrolled")
    row["withdrawn"] = sum(1 for s in students if s["status"] == "withdrawn")
    row["graduated"] = sum(1 for s in students if s["status"] == "graduated")
    row["employed"] = sum(1 for s in students if s["outcome"] == "employed")
    row["released"] = sum(1 for s in students if s["outcome"] == "released")
    row["early_ends"] = sum(s["early_end"] for s in students)
    return row


def _changing(change: Any) -> Any:
    def apply(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
        if row is None:
            return None
        change(event, row)
        return touched(_counts(row), event)
    return apply


def _decided(status: str, day: str) -> Any:
    def change(event: Any, row: Row) -> None:
        row["status"], row["decided_on"] = status, getattr(event, day)
    return change


def _enrolled(event: Any, row: Row) -> None:
    row["enrolments"] = {**row["enrolments"], str(event.number): {
        "status": "enrolled", "graduated_on": None, "outcome": None, "early_end": 0}}


def _student(**values: Any) -> Any:
    """A change to one student's entry: fixed values, or taken from the event (callables)."""
    def change(event: Any, row: Row) -> None:
        key = str(event.number)
        student = row["enrolments"].get(key)
        if student is not None:
            new = {name: value(event) if callable(value) else value
                   for name, value in values.items()}
            row["enrolments"] = {**row["enrolments"], key: {**student, **new}}
    return change


HANDLERS: dict[str, Handler] = handlers_for(PREFIX, TARGETED_ORDERS, originator_key, {
    "Submitted": _submitted,
    "Accepted": _changing(_decided("accepted", "accepted_on")),
    "Rejected": _changing(_decided("rejected", "rejected_on")),
    "StudentEnrolled": _changing(_enrolled),
    "StudentWithdrawn": _changing(_student(status="withdrawn")),
    "StudentGraduated": _changing(_student(
        status="graduated", graduated_on=lambda event: event.graduated_on.isoformat())),
    "EmploymentRecorded": _changing(_student(outcome="employed")),
    "GraduateReleased": _changing(_student(outcome="released")),
    "EmploymentEnded": _changing(_student(early_end=lambda event: int(event.early))),
})

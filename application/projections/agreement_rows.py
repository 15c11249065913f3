"""The agreements view: one row per dual-training agreement, from its events.

The status follows the agreement's state machine (DOMAIN.md): a revoked termination
returns to ``suspended`` when a suspension is still open, else to ``active``. Practice
is counted the way seniority is (``domain.work_experience.seniority``): periods merged, 30-day months.
Practice is never recorded inside a suspension (rule 6), so no suspended day has to be
cut out here. Nothing personal is kept: the trainee and the mentor are pseudonyms.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from application.projections.handlers import (
    Handler,
    handlers_for,
    money,
    originator_key,
    plain,
    touched,
)
from application.projections.ports import Row
from application.projections.pseudonyms import Pseudonyms
from application.projections.schema import AGREEMENTS
from domain.shared.calendar import DatePeriod, business_today
from domain.work_experience.seniority import duration_of

PREFIX = "dualtrack:agreements.DualTrainingAgreement"
_SIGNATORIES = ["college", "enterprise", "trainee"]
_TERMS = ("specialty_code", "qualification", "start_date", "end_date", "planned_practice_months")


def registered(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    row = {
        "agreement_id": str(event.originator_id), "number": event.number, "status": "draft",
        "college_bin": plain(event.college_bin), "enterprise_bin": plain(event.enterprise_bin),
        "region": event.region, "specialty_code": event.specialty_code,
        "qualification": event.qualification, "start_date": event.start_date,
        "end_date": event.end_date, "year": event.start_date.year,
        "planned_practice_months": event.planned_practice_months,
        "trainee_key": keys.trainee(plain(event.trainee_iin)), "current_mentor_key": None,
        "activated_on": None, "closed_on": None, "suspension_open": 0, "practice_periods": [],
        "practice_months": 0, "practice_days": 0, "compensation_total": Decimal("0.00"),
        "registered_at": event.timestamp, "registered_on": business_today(event.timestamp),
        "signatories": _SIGNATORIES + (["legal_representative"]
                                       if event.representative_iin is not None else []),
        "signed_by": [], "safety_briefing_on": None,
    }
    return touched(row, event)


def _terms(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    """TermsChanged and AmendmentTookEffect both carry the changed terms."""
    if row is None:
        return None
    for name in _TERMS:
        if name in event.changes:
            row[name] = event.changes[name]
    row["year"] = row["start_date"].year
    return touched(row, event)


def _draft_terms(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    """A draft's new terms clear its signatures (rule 1)."""
    row = _terms(event, row, keys)
    if row is not None:
        row["signed_by"] = []
    return row


def _set(**values: Any) -> Any:
    """A handler that sets columns: a value, or a function of (event, row)."""
    def apply(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
        if row is None:
            return None
        for name, value in values.items():
            row[name] = value(event, row) if callable(value) else value
        return touched(row, event)
    return apply


def _mentor(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    if row is None:
        return None
    row["current_mentor_key"] = keys.mentor(plain(event.mentor_iin))
    return touched(row, event)


def _practice(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    if row is None:
        return None
    period: DatePeriod = event.period
    periods = [*row["practice_periods"], [period.start.isoformat(), period.end.isoformat()]]
    duration = duration_of(DatePeriod(date.fromisoformat(start), date.fromisoformat(end))
                           for start, end in periods)
    row.update(practice_periods=periods, practice_months=duration.months,
               practice_days=duration.days)
    return touched(row, event)


def _signed(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    if row is None:
        return None
    row["signed_by"] = [*row["signed_by"], plain(event.party)]
    return touched(row, event)


def _briefing(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    if row is None:
        return None
    earlier = row["safety_briefing_on"]
    row["safety_briefing_on"] = event.on if earlier is None else min(earlier, event.on)
    return touched(row, event)


def _compensation(event: Any, row: Row | None, keys: Pseudonyms) -> Row | None:
    if row is None:
        return None
    row["compensation_total"] = row["compensation_total"] + money(event.amount)
    return touched(row, event)


def _status_after_revocation(event: Any, row: Row) -> str:
    return "suspended" if row["suspension_open"] else "active"


_UNCHANGED = _set()

HANDLERS: dict[str, Handler] = handlers_for(PREFIX, AGREEMENTS, originator_key, {
    "Registered": registered,
    "TermsChanged": _draft_terms,
    "AmendmentTookEffect": _terms,
    "Signed": _signed,
    "AmendmentProposed": _UNCHANGED,
    "AmendmentAccepted": _UNCHANGED,
    "SafetyBriefingRecorded": _briefing,
    "Activated": _set(status="active", activated_on=lambda event, row: event.activated_on),
    "Cancelled": _set(status="cancelled"),
    "MentorAssigned": _mentor,
    "PracticePeriodRecorded": _practice,
    "CompensationRecorded": _compensation,
    "Suspended": _set(status="suspended", suspension_open=1),
    "Resumed": _set(status="active", suspension_open=0),
    "Terminated": _set(status="terminated", closed_on=lambda event, row: event.effective_date),
    "TerminationRevoked": _set(status=_status_after_revocation, closed_on=None),
    "Completed": _set(status="completed", closed_on=lambda event, row: event.completed_on),
})

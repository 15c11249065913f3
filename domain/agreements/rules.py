"""Checks that need an agreement's recorded facts (DOMAIN.md, DualTrainingAgreement rules).

Each raises ``RuleViolationError`` with a message naming what is in the way, so a
caller can fix the request (``rule`` is the machine-readable name).
"""

from __future__ import annotations

from datetime import date

from domain.agreements.records import AgreementStatus
from domain.agreements.state import AgreementViews
from domain.shared.calendar import DatePeriod
from domain.shared.errors import RuleViolationError

_AFTER_TERMINATION = "nothing more is recorded on a terminated agreement (revoke the " \
                     "termination first if it was a mistake)"


def require_status(agreement: AgreementViews, *allowed: AgreementStatus, action: str) -> None:
    if agreement.status in allowed:
        return
    names = " or ".join(status.value for status in allowed)
    why = _AFTER_TERMINATION if agreement.status is AgreementStatus.TERMINATED else \
        f"only a {names} agreement can"
    raise RuleViolationError(
        f"cannot {action}: agreement {agreement.number} is {agreement.status.value}; {why}",
        rule="agreement_status")


def require_inside_term(agreement: AgreementViews, day: date, what: str) -> None:
    if not agreement.term.contains(day):
        raise RuleViolationError(f"{what} {day} is outside the term {agreement.term} of "
                                 f"agreement {agreement.number}", rule="outside_term")


def check_practice_period(agreement: AgreementViews, period: DatePeriod, today: date) -> None:
    """Rules 4-6: inside the term, done already, no overlap, mentor and briefing first."""
    if not agreement.term.covers(period):
        raise RuleViolationError(f"practice period {period} is not inside the term "
                                 f"{agreement.term}", rule="practice_outside_term")
    if period.end > today:
        raise RuleViolationError(f"practice period {period} ends in the future (today is "
                                 f"{today}): the Annex records practice already done",
                                 rule="practice_in_future")
    for recorded in agreement.practice_periods:
        if recorded.period.overlaps(period):
            raise RuleViolationError(f"practice period {period} overlaps the recorded period "
                                     f"{recorded.period}", rule="practice_overlap")
    for suspended in agreement.suspended_periods():
        if suspended.overlaps(period):
            raise RuleViolationError(f"practice period {period} falls in the suspension "
                                     f"{suspended}", rule="practice_in_suspension")
    starts = [a.from_date for a in agreement.mentor_assignments]
    if not starts or min(starts) > period.start:
        raise RuleViolationError(f"a mentor must be assigned on or before {period.start}, the "
                                 "start of practice", rule="mentor_required")
    if not any(b.date <= period.start for b in agreement.safety_briefings):
        raise RuleViolationError(f"a safety briefing must be recorded on or before "
                                 f"{period.start}, the start of practice",
                                 rule="safety_briefing_required")


def check_suspension_start(agreement: AgreementViews, start: date) -> None:
    """Rules 6 and 8: suspended days and practice days never coincide."""
    require_inside_term(agreement, start, "the suspension start")
    for recorded in agreement.practice_periods:
        if recorded.period.end >= start:
            raise RuleViolationError(f"the suspension from {start} would cover the recorded "
                                     f"practice period {recorded.period}",
                                     rule="suspension_over_practice")
    for earlier in agreement.suspended_periods():
        if earlier.end >= start:
            raise RuleViolationError(f"the suspension from {start} overlaps the earlier "
                                     f"suspension {earlier}", rule="suspension_overlap")


def check_amended_term(agreement: AgreementViews, term: DatePeriod) -> None:
    """New dates must still hold everything recorded under the old ones."""
    outside = [f"practice period {p.period}" for p in agreement.practice_periods
               if not term.covers(p.period)]
    outside += [f"compensation for {c.month}" for c in agreement.compensations
                if not c.month.period.overlaps(term)]
    outside += [f"mentor assignment from {a.from_date}" for a in agreement.mentor_assignments
                if not term.contains(a.from_date)]
    outside += [f"suspension from {s.start_date}" for s in agreement.suspensions
                if not term.contains(s.start_date)]
    if outside:
        raise RuleViolationError(f"the new term {term} would leave the {outside[0]} outside it",
                                 rule="term_excludes_records")


def check_termination_date(agreement: AgreementViews, effective: date) -> None:
    """Rule 9: not before the term start, and not before practice already recorded."""
    if effective < agreement.start_date:
        raise RuleViolationError(f"the termination's effective date {effective} is before the "
                                 f"term start {agreement.start_date}",
                                 rule="termination_before_start")
    for recorded in agreement.practice_periods:
        if recorded.period.end > effective:
            raise RuleViolationError(f"the practice period {recorded.period} is recorded after "
                                     f"the effective date {effective}",
                                     rule="termination_before_practice")

"""Checks that need an agreement's recorded facts (DOMAIN.md, DualTrainingAgreement rules).

Each raises ``RuleViolationError`` with a message naming what is in the way, so a
caller can fix the request (``rule`` is the machine-readable name).
"""

from __future__ import annotations

from datetime import date

from domain.agreements.errors import (
    AgreementStatusError,
    MentorRequiredError,
    OutsideTermError,
    PracticeInFutureError,
    PracticeInSuspensionError,
    PracticeOutsideTermError,
    PracticePeriodOverlapError,
    SafetyBriefingRequiredError,
    SuspensionOverlapError,
    TermExcludesRecordsError,
    TerminationBeforePracticeError,
    TerminationBeforeStartError,
)
from domain.agreements.records import AgreementStatus
from domain.agreements.state import AgreementViews
from domain.shared.calendar import DatePeriod

_AFTER_TERMINATION = "nothing more is recorded on a terminated agreement (revoke the " \
                     "termination first if it was a mistake)"


def require_status(agreement: AgreementViews, *allowed: AgreementStatus, action: str) -> None:
    if agreement.status in allowed:
        return
    names = " or ".join(status.value for status in allowed)
    why = _AFTER_TERMINATION if agreement.status is AgreementStatus.TERMINATED else \
        f"only a {names} agreement can"
    raise AgreementStatusError(
        f"cannot {action}: agreement {agreement.number} is {agreement.status.value}; {why}")


def require_inside_term(agreement: AgreementViews, day: date, what: str) -> None:
    if not agreement.term.contains(day):
        raise OutsideTermError(f"{what} {day} is outside the term {agreement.term} of "
                                 f"agreement {agreement.number}")


def check_practice_period(agreement: AgreementViews, period: DatePeriod, today: date) -> None:
    """Rules 4-6: inside the term, done already, no overlap, mentor and briefing first."""
    if not agreement.term.covers(period):
        raise PracticeOutsideTermError(f"practice period {period} is not inside the term "
                                 f"{agreement.term}")
    if period.end > today:
        raise PracticeInFutureError(f"practice period {period} ends in the future (today is "
                                 f"{today}): the Annex records practice already done")
    for recorded in agreement.practice_periods:
        if recorded.period.overlaps(period):
            raise PracticePeriodOverlapError(f"practice period {period} overlaps the recorded period "
                                     f"{recorded.period}")
    # Rule 6: a period spanning a suspension is kept; the credit cuts the suspended days out.
    for suspended in agreement.suspended_periods():
        if suspended.covers(period):
            raise PracticeInSuspensionError(f"practice period {period} lies wholly inside the "
                                     f"suspension {suspended}")
    starts = [a.from_date for a in agreement.mentor_assignments]
    if not starts or min(starts) > period.start:
        raise MentorRequiredError(f"a mentor must be assigned on or before {period.start}, the "
                                 "start of practice")
    if not any(b.date <= period.start for b in agreement.safety_briefings):
        raise SafetyBriefingRequiredError(f"a safety briefing must be recorded on or before "
                                 f"{period.start}, the start of practice")


def check_suspension_start(agreement: AgreementViews, start: date) -> None:
    """Rules 6 and 8: a suspension may overlap recorded practice (its days are cut out of
    the credited practice, not out of the Annex), never an earlier suspension."""
    require_inside_term(agreement, start, "the suspension start")
    for earlier in agreement.suspended_periods():
        if earlier.end >= start:
            raise SuspensionOverlapError(f"the suspension from {start} overlaps the earlier "
                                     f"suspension {earlier}")


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
        raise TermExcludesRecordsError(f"the new term {term} would leave the {outside[0]} outside it")


def check_termination_date(agreement: AgreementViews, effective: date) -> None:
    """Rule 9: not before the term start, and not before practice already recorded."""
    if effective < agreement.start_date:
        raise TerminationBeforeStartError(f"the termination's effective date {effective} is before the "
                                 f"term start {agreement.start_date}")
    for recorded in agreement.practice_periods:
        if recorded.period.end > effective:
            raise TerminationBeforePracticeError(f"the practice period {recorded.period} is recorded after "
                                     f"the effective date {effective}")

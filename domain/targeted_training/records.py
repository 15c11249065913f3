"""What a targeted-training order records: its state, the academic year, its students.

An enrolment is numbered 1, 2, ... per order; a student who left and is enrolled
again gets a new number, so each enrolment keeps its own history. The address on the
wire is the student's IIN: it names the latest enrolment of that student.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.shared.identifiers import IIN

# The bounds of rule 2, and of the texts (checked where text enters).
MIN_PLACES, MAX_PLACES = 1, 500
MIN_OBLIGATION_MONTHS, MAX_OBLIGATION_MONTHS = 6, 60
# A graduate with neither employment nor release this many months after graduating
# counts as overdue (rule 4).
OVERDUE_AFTER_MONTHS = 6
NUMBER_MAX_LENGTH = 50
REFERENCE_MAX_LENGTH = 100
REASON_MAX_LENGTH = 500
TEXT_MAX_LENGTH = 200



class OrderStatus(Enum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class EnrolmentStatus(Enum):
    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"
    GRADUATED = "graduated"


class WithdrawalReason(Enum):
    EXPELLED = "expelled"
    TRANSFERRED = "transferred"
    OTHER = "other"




def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative: back), clamped to the month's
    last day (31 August + 6 months is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def overdue_cutoff(today: date) -> date:
    """Graduated on or before this day with no outcome: overdue on ``today``."""
    return add_months(today, -OVERDUE_AFTER_MONTHS)


@dataclass(frozen=True)
class Enrolment:
    number: int
    trainee_iin: IIN
    trainee_name: str
    enrolled_on: date
    status: EnrolmentStatus = EnrolmentStatus.ENROLLED
    withdrawn_on: date | None = None
    withdrawal_reason: WithdrawalReason | None = None
    graduated_on: date | None = None
    employed_from: date | None = None
    position: str | None = None
    released_on: date | None = None
    release_reason: str | None = None
    employment_ended_on: date | None = None
    employment_end_reason: str | None = None
    early_end: bool = False

    @property
    def holds_place(self) -> bool:
        """A student who left frees the place; a graduate has used it."""
        return self.status is not EnrolmentStatus.WITHDRAWN

    @property
    def has_outcome(self) -> bool:
        return self.employed_from is not None or self.released_on is not None

    def is_overdue(self, today: date) -> bool:
        """A graduate with neither employment nor release 6 months after graduating."""
        return self.graduated_on is not None and not self.has_outcome and \
            self.graduated_on <= overdue_cutoff(today)

"""What a mentor service contract records: service acts and payments (KZT, gross).

A college pays a mentor through a paid-services contract (Civil Code arts. 683-687):
the mentor reports each month's services in a service act, the college approves it
and pays. Amounts are gross: withholding, when added, is effective-dated reference
data applied on top, never baked into these figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from uuid import UUID

from domain.shared.calendar import Month
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money

_HOURS_SCALE = -2
# The bounds of a contract's texts, checked where text enters (the API's schemas, the CLI).
NUMBER_MAX_LENGTH = 50
REFERENCE_MAX_LENGTH = 100
REASON_MAX_LENGTH = 500


class RateType(Enum):
    HOURLY = "hourly"
    MONTHLY_PER_TRAINEE = "monthly_per_trainee"


class ActStatus(Enum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class ServiceAct:
    """One month of a mentor's services; ``number`` counts 1, 2, ... per contract."""

    number: int
    month: Month
    agreement_ids: tuple[UUID, ...]
    hours: Decimal
    amount: Money
    status: ActStatus
    submitted_by: str
    rejection_reason: str | None = None

    @property
    def holds_its_months(self) -> bool:
        """A rejected act gives its agreement-months back to be billed again."""
        return self.status is not ActStatus.REJECTED


@dataclass(frozen=True)
class MentorPayment:
    """A bank transfer to the mentor; a returned one stays, marked reversed."""

    payment_reference: str
    amount: Money
    paid_on: date
    reversed: bool = False
    reversal_reason: str | None = None
    reversed_on: date | None = None


def act_amount(rate_type: RateType, rate: Money, *, hours: Decimal, trainees: int) -> Money:
    """Hourly: rate x hours; monthly per trainee: rate x agreements listed."""
    if rate_type is RateType.HOURLY:
        return rate.times(hours)
    return rate.times(trainees)


def parse_hours(value: object) -> Decimal:
    """Positive hours with at most two decimals (e.g. ``"12.5"``)."""
    if isinstance(value, bool):
        raise InvalidValueError("hours must be a number", field="hours", rule="type")
    try:
        hours = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValueError(f"hours {value!r} is not a number", field="hours",
                                rule="format") from None
    if not hours.is_finite():
        raise InvalidValueError("hours must be a finite number", field="hours", rule="finite")
    if hours.as_tuple().exponent < _HOURS_SCALE:  # type: ignore[operator]
        raise InvalidValueError("hours have at most 2 decimal places", field="hours",
                                rule="scale")
    check_hours(hours, None)
    return hours


def check_hours(hours: Decimal, month: Month | None) -> None:
    if hours <= 0:
        raise InvalidValueError("hours must be positive (a monthly_per_trainee act records "
                                "them too)", field="hours", rule="positive")
    if month is not None and hours > 24 * month.period.days:
        raise InvalidValueError(f"{hours} hours do not fit in {month}", field="hours",
                                rule="range")


"""The rules of targeted-training orders, one class each.

``rule`` is the machine code a client sees; the codes are part of the API and never
change. A refusal names the field it is about (``field``), so that the 409 answer can
say which part of the request the recorded state forbids.
"""

from __future__ import annotations

from domain.shared.errors import InvalidValueError, RuleViolationError


class TargetedRuleError(RuleViolationError):
    """A rule of an order that the recorded state forbids (409), about ``field``."""

    field = ""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


# Eligibility (rule 1) -----------------------------------------------------------------

class EnterpriseSizeUnknownError(TargetedRuleError):
    """The enterprise's record does not say its size: refused until it does."""

    rule = "enterprise_size_unknown"
    field = "enterprise_bin"


class OkedUnknownError(TargetedRuleError):
    """The enterprise's record does not say its OKED code: refused until it does."""

    rule = "oked_unknown"
    field = "enterprise_bin"


class SmallEnterpriseError(TargetedRuleError):
    """Only medium and large enterprises may place an order."""

    rule = "small_enterprise"
    field = "enterprise_bin"


class AgroIndustrialError(TargetedRuleError):
    """Agro-industrial enterprises (OKED section A, divisions 01-03) may not place one."""

    rule = "agro_industrial"
    field = "enterprise_bin"


# Submission and decision (rule 2) -------------------------------------------------------

class PlacesRangeError(InvalidValueError):
    rule = "places_range"


class ObligationRangeError(InvalidValueError):
    rule = "obligation_range"


class DuplicateOrderNumberError(TargetedRuleError):
    """An order number is taken once per enterprise."""

    rule = "duplicate"
    field = "number"


class OrderDecidedError(TargetedRuleError):
    """An order is accepted or rejected once."""

    rule = "order_decided"


# Enrolments (rule 3) ---------------------------------------------------------------------

class OrderNotAcceptedError(TargetedRuleError):
    """Students are enrolled only against an accepted order."""

    rule = "order_not_accepted"


class PlacesFullError(TargetedRuleError):
    """Never more students than the order's places."""

    rule = "places_full"
    field = "trainee.iin"


class AlreadyEnrolledError(TargetedRuleError):
    rule = "already_enrolled"
    field = "trainee.iin"


class UnknownEnrolmentError(TargetedRuleError):
    rule = "unknown_enrolment"
    field = "iin"


class NotEnrolledError(TargetedRuleError):
    """Withdrawal and graduation are for a student still in training."""

    rule = "not_enrolled"


class FutureDateError(InvalidValueError):
    rule = "future_date"


class BeforeEnrolmentError(TargetedRuleError):
    rule = "before_enrolment"
    field = "date"


# Graduates' employment (rule 4) ----------------------------------------------------------

class NotGraduatedError(TargetedRuleError):
    """Employment and release are recorded for graduates only."""

    rule = "not_graduated"


class OutcomeRecordedError(TargetedRuleError):
    """A graduate is employed or released once."""

    rule = "outcome_recorded"


class BeforeGraduationError(TargetedRuleError):
    rule = "before_graduation"


class NotEmployedError(TargetedRuleError):
    """Only a running employment can end."""

    rule = "not_employed"


class EndBeforeStartError(TargetedRuleError):
    rule = "end_before_start"
    field = "date"

"""The business rules of patronage memoranda, one class each.

``rule`` is the machine code a client sees (409, or 422 for a malformed value); the codes
are part of the API and never change. Callers and tests match the class, not the prose.
"""

from __future__ import annotations

from domain.shared.errors import InvalidValueError, RuleViolationError


class NotLargeEnterpriseError(RuleViolationError):
    """Only a large enterprise may sign a memorandum (an unknown size is refused too)."""

    rule = "large_enterprise_only"


class MemorandumInForceError(RuleViolationError):
    """One memorandum in force per enterprise and college at a time."""

    rule = "memorandum_in_force"


class DuplicateMemorandumNumberError(RuleViolationError):
    """A memorandum number is taken once per enterprise."""

    rule = "duplicate"


class AlreadySignedError(RuleViolationError):
    rule = "already_signed"


class NotDraftError(RuleViolationError):
    """Only a draft is signed."""

    rule = "not_draft"


class TermEndedError(RuleViolationError):
    """A memorandum whose term is over can no longer enter into force."""

    rule = "term_ended"


class NotInForceError(RuleViolationError):
    """Deliveries and termination are recorded only on a memorandum in force."""

    rule = "not_in_force"


class KindNotCommittedError(RuleViolationError):
    """A fulfilment is of a kind the memorandum commits to."""

    rule = "kind_not_committed"


class OutsideInForceError(RuleViolationError):
    """A delivery or a termination is dated while the memorandum is in force."""

    rule = "outside_in_force"


class FutureDateError(InvalidValueError):
    """What is recorded has happened: its date is not after today."""

    rule = "future_date"


class DuplicateCommitmentError(InvalidValueError):
    rule = "duplicate"

"""The business rules of patronage memoranda, one class each.

``rule`` is the machine code a client sees (409, or 422 for a malformed value); the codes
are part of the API and never change. Callers and tests match the class, not the prose.
"""

from __future__ import annotations

from domain.shared.errors import InvalidValueError, RuleViolationError


class PatronageRuleError(RuleViolationError):
    """A refusal of the memorandum's state; ``field`` names the input it is about (the
    problem answer carries it in ``errors``, as a 422 does)."""

    field = ""


class NotLargeEnterpriseError(PatronageRuleError):
    """Only a large enterprise may sign a memorandum (an unknown size is refused too)."""

    rule = "large_enterprise_only"
    field = "enterprise_bin"


class MemorandumInForceError(PatronageRuleError):
    """One memorandum in force per enterprise and college at a time."""

    rule = "memorandum_in_force"
    field = "college_bin"


class DuplicateMemorandumNumberError(PatronageRuleError):
    """A memorandum number is taken once per enterprise."""

    rule = "duplicate"
    field = "number"


class AlreadySignedError(PatronageRuleError):
    rule = "already_signed"
    field = "party"


class NotDraftError(PatronageRuleError):
    """Only a draft is signed."""

    rule = "not_draft"
    field = "party"


class TermEndedError(PatronageRuleError):
    """A memorandum whose term is over can no longer enter into force."""

    rule = "term_ended"
    field = "valid_to"


class NotInForceError(PatronageRuleError):
    """Deliveries and termination are recorded only on a memorandum in force."""

    rule = "not_in_force"
    field = "status"


class KindNotCommittedError(PatronageRuleError):
    """A fulfilment is of a kind the memorandum commits to."""

    rule = "kind_not_committed"
    field = "kind"


class OutsideInForceError(PatronageRuleError):
    """A delivery or a termination is dated while the memorandum is in force."""

    rule = "outside_in_force"
    field = "date"


class FutureDateError(InvalidValueError):
    """What is recorded has happened: its date is not after today."""

    rule = "future_date"


class DuplicateCommitmentError(InvalidValueError):
    rule = "duplicate"

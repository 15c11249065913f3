"""The participants' rules, one class each: the class is what callers and tests name,
``rule`` is the machine code on the wire (it never changes)."""

from __future__ import annotations

from domain.shared.errors import InvalidValueError, RuleViolationError
from domain.shared.identifiers import BornInTheFutureError  # noqa: F401 (re-exported)


class OrganisationAlreadyRegisteredError(RuleViolationError):
    rule = "duplicate"


class MentorAlreadyRegisteredError(RuleViolationError):
    rule = "duplicate"


class UnknownOrganisationError(InvalidValueError):
    """A BIN that names no registered organisation of the kind the command needs."""

    rule = "unknown_organisation"


class RequiredValueError(InvalidValueError):
    rule = "required"


class OkedFormatError(InvalidValueError):
    rule = "oked"


class WrongKindError(InvalidValueError):
    """A detail that belongs to the other kind (a college's size, an enterprise's league)."""

    rule = "kind"


class ExperienceRangeError(InvalidValueError):
    rule = "range"


class UnexpectedSubjectError(InvalidValueError):
    """A subject given to a token whose role is not scoped by one."""

    rule = "unexpected"

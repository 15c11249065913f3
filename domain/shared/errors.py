"""Errors raised when a command breaks a rule of the domain.

Two kinds matter to callers: a value that is malformed (``InvalidValueError``,
the request was wrong whatever the state) and a rule that the current state
forbids (``RuleViolationError``, the request conflicts with what is recorded).
"""

from __future__ import annotations


class DomainError(Exception):
    """Base class of every error the domain raises on purpose."""

    rule: str = "domain"

    def __init__(self, message: str, *, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if rule is not None:
            self.rule = rule


class InvalidValueError(DomainError, ValueError):
    """A value is malformed: names the field and the check that failed."""

    def __init__(self, message: str, *, field: str = "", rule: str | None = None) -> None:
        super().__init__(message, rule=rule)
        self.field = field

    def at(self, field: str) -> InvalidValueError:
        """The same error, placed under ``field`` (prefixed if it already had one)."""
        where = f"{field}.{self.field}" if self.field else field
        return type(self)(self.message, field=where, rule=self.rule)


class RuleViolationError(DomainError):
    """The recorded state forbids the command (a business rule)."""

    rule = "business_rule"

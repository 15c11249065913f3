"""Validation messages that name the rule that failed, for problem+json's ``errors``.

Marshmallow's messages are plain strings; a ``RuleMessage`` is a string that also
carries ``rule``, so a 422 can say ``{"bin": {"rule": "check_digit", ...}}``.
Fields and validators from ``schemas.common`` produce them; any other message
falls back to the rule ``invalid``.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, validate

from domain.shared.errors import InvalidValueError


class RuleMessage(str):
    rule: str

    def __new__(cls, message: str, rule: str) -> RuleMessage:
        instance = super().__new__(cls, message)
        instance.rule = rule
        return instance

    def __reduce__(self) -> tuple[Any, ...]:  # survives deepcopy
        return (RuleMessage, (str(self), self.rule))


def rule_of(message: object) -> str:
    return getattr(message, "rule", "invalid")


def invalid(message: str, rule: str) -> ValidationError:
    return ValidationError(RuleMessage(message, rule))


def from_domain(error: InvalidValueError) -> ValidationError:
    return invalid(error.message, error.rule)


# Marshmallow's own error keys ("required", "null", "invalid", "too_large") become the rule;
# "invalid" (a value of the wrong JSON type) is called "type" so that it reads as what failed.
_RULE_BY_KEY = {"invalid": "type"}


class RuledField:
    """Mixin for marshmallow fields: their errors name the rule (the error key)."""

    def make_error(self, key: str, **kwargs: Any) -> ValidationError:
        error = super().make_error(key, **kwargs)  # type: ignore[misc]
        return invalid(str(error.messages[0]), _RULE_BY_KEY.get(key, key))


class Length(validate.Length):
    def _format_error(self, value: Any, message: str) -> str:
        return RuleMessage(super()._format_error(value, message), "length")


class Range(validate.Range):
    def _format_error(self, value: Any, message: str) -> str:
        return RuleMessage(super()._format_error(value, message), "range")


class OneOf(validate.OneOf):
    def _format_error(self, value: Any) -> str:
        return RuleMessage(super()._format_error(value), "choice")


class Regexp(validate.Regexp):
    def _format_error(self, value: Any) -> str:
        return RuleMessage(super()._format_error(value), "format")


SCHEMA_ERROR_MESSAGES: dict[str, str] = {
    "unknown": RuleMessage("Unknown field.", "unknown_field"),
    "type": RuleMessage("Invalid input type: a JSON object is expected.", "type"),
}

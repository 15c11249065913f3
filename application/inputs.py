"""Raw values from callers (HTTP, command line), parsed with the field they came in.

Every area's commands take raw values and parse them here, so a malformed one is an
``InvalidValueError`` naming its field and rule, whichever entry point sent it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Any, TypeVar

from domain.shared.errors import InvalidValueError

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


def parsed(field: str, parse: Callable[[Any], T], value: Any) -> T:
    """``parse(value)``, with any InvalidValueError (or ValueError) placed under ``field``."""
    try:
        return parse(value)
    except InvalidValueError as error:
        raise error.at(field) from None
    except ValueError:
        raise InvalidValueError(f"{value!r} is not a valid {field}", field=field,
                                rule="choice") from None


def parse_enum(enum_class: type[E], value: object, field: str) -> E:
    if isinstance(value, enum_class):
        return value
    try:
        return enum_class(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in enum_class)
        raise InvalidValueError(f"{field} must be one of {allowed}, got {value!r}",
                                field=field, rule="choice") from None


def optional_enum(enum_class: type[E], value: object, field: str) -> E | None:
    return None if value is None else parse_enum(enum_class, value, field)


def positive_int(field: str, value: object) -> int:
    if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and value.isdigit())):
        raise InvalidValueError(f"{field} must be a whole number", field=field, rule="type")
    number = int(value)
    if number < 1:
        raise InvalidValueError(f"{field} must be 1 or more", field=field, rule="range")
    return number


def moment(value: object, field: str = "as_of") -> datetime:
    """An ISO 8601 timestamp; one without a zone is read as UTC (as events are stored)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise InvalidValueError(f"{value!r} is not an ISO 8601 timestamp",
                                    field=field, rule="timestamp") from None
    if not isinstance(value, datetime):
        raise InvalidValueError(f"{field} must be a timestamp", field=field, rule="timestamp")
    return value if value.tzinfo else value.replace(tzinfo=UTC)

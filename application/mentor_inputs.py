"""Raw request values for mentor payments, parsed with the field they came in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from application.errors import NotFoundError
from domain.errors import InvalidValueError

T = TypeVar("T")


def parsed(field: str, parse: Callable[[Any], T], value: Any) -> T:
    """``parse(value)``, with any InvalidValueError (or ValueError) placed under ``field``."""
    try:
        return parse(value)
    except InvalidValueError as error:
        raise error.at(field) from None
    except ValueError:
        raise InvalidValueError(f"{value!r} is not a valid {field}", field=field,
                                rule="choice") from None


def contract_uuid(value: UUID | str) -> UUID:
    """A contract id from a path: anything that is not a UUID names no contract."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise NotFoundError("mentor service contract not found") from None


def agreement_id_list(value: Any) -> list[UUID]:
    if not isinstance(value, list | tuple):
        raise InvalidValueError("agreement_ids must be a list of agreement ids",
                                field="agreement_ids", rule="type")
    ids: list[UUID] = []
    for item in value:
        try:
            ids.append(item if isinstance(item, UUID) else UUID(str(item)))
        except ValueError:
            raise InvalidValueError(f"{item!r} is not an agreement id",
                                    field="agreement_ids", rule="format") from None
    return ids


def positive_int(field: str, value: int | str) -> int:
    if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and value.isdigit())):
        raise InvalidValueError(f"{field} must be a whole number", field=field, rule="type")
    number = int(value)
    if number < 1:
        raise InvalidValueError(f"{field} must be 1 or more", field=field, rule="range")
    return number


def moment(value: datetime | str) -> datetime:
    """An ISO 8601 timestamp; one without a zone is read as UTC (as events are stored)."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidValueError(f"{value!r} is not an ISO 8601 timestamp",
                                    field="as_of", rule="timestamp") from None
    if not isinstance(value, datetime):
        raise InvalidValueError("as_of must be a timestamp", field="as_of", rule="type")
    return value if value.tzinfo else value.replace(tzinfo=UTC)

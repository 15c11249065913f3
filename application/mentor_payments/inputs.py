"""Raw request values for mentor payments, parsed with the field they came in."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.errors import NotFoundError
from domain.shared.errors import InvalidValueError


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

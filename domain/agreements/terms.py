"""The terms of a dual-training agreement and who must be party to it.

Raw values may come straight from HTTP (strings), so every parser names the field
it refused; ``field_prefix`` places a term under ``changes.`` for amendments.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from domain.shared.calendar import DatePeriod, parse_date
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import IIN

TERM_FIELDS = ("specialty_code", "qualification", "start_date", "end_date",
               "planned_practice_months", "workplace")
_TEXT_FIELDS = ("specialty_code", "qualification", "workplace")
_DATE_FIELDS = ("start_date", "end_date")

# The longest plan accepted at all (ten years); the schema imports it.
MAX_PLANNED_MONTHS = 120
ADULT_AGE = 18


def text(value: object, field: str, *, max_length: int = 500) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{field} must be a non-empty text", field=field, rule="required")
    if len(value.strip()) > max_length:
        raise InvalidValueError(f"{field} must be at most {max_length} characters",
                                field=field, rule="length")
    return value.strip()


def planned_months(value: object, field: str = "planned_practice_months") -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(f"{field} must be a whole number of months", field=field,
                                rule="integer")
    if not 1 <= value <= MAX_PLANNED_MONTHS:
        raise InvalidValueError(f"{field} must be 1-{MAX_PLANNED_MONTHS} months, got {value}",
                                field=field, rule="range")
    return value


def is_practice_plan_flagged(months: int, credited: tuple[int, int]) -> bool:
    """DOMAIN.md rule 2: a plan outside the credited range (configured, by default 6-18
    months per the methodological letter) is accepted but flagged."""
    low, high = credited
    return not low <= months <= high


def parse_terms(raw: Mapping[str, Any], *, field_prefix: str = "") -> dict[str, Any]:
    """Parse the terms present in ``raw``; unknown names are refused, not ignored."""
    if not isinstance(raw, Mapping):
        raise InvalidValueError("terms must be an object", field=field_prefix.rstrip("."),
                                rule="type")
    terms: dict[str, Any] = {}
    for name, value in raw.items():
        field = f"{field_prefix}{name}"
        if name in _TEXT_FIELDS:
            terms[name] = text(value, field)
        elif name in _DATE_FIELDS:
            terms[name] = parse_date(value, field)
        elif name == "planned_practice_months":
            terms[name] = planned_months(value, field)
        else:
            allowed = ", ".join(TERM_FIELDS)
            raise InvalidValueError(f"{name!r} is not a term that can be set (terms: {allowed})",
                                    field=field, rule="unknown_term")
    return terms


def require_all_terms(terms: Mapping[str, Any]) -> None:
    for name in TERM_FIELDS:
        if name not in terms:
            raise InvalidValueError(f"{name} is required", field=name, rule="required")


def term_of(start: date, end: date, *, field_prefix: str = "") -> DatePeriod:
    if end < start:
        raise InvalidValueError(f"the term ends ({end}) before it starts ({start})",
                                field=f"{field_prefix}end_date", rule="end_before_start")
    return DatePeriod(start, end)


def check_legal_representative(trainee: IIN, representative: IIN | None, today: date) -> None:
    """A minor (under 18 on the day of registration) needs an adult legal representative."""
    minor = trainee.age_on(today) < ADULT_AGE
    if minor and representative is None:
        raise InvalidValueError(
            f"the trainee is {trainee.age_on(today)} (under {ADULT_AGE}) on {today}: "
            "a legal representative (iin, full_name) is required",
            field="legal_representative", rule="representative_required")
    if representative is None:
        return
    if not minor:
        raise InvalidValueError(
            f"the trainee is an adult on {today}: no legal representative is a party",
            field="legal_representative", rule="representative_not_needed")
    if representative == trainee:
        raise InvalidValueError("the legal representative must be another person than the "
                                "trainee", field="legal_representative.iin",
                                rule="representative_is_trainee")
    if representative.age_on(today) < ADULT_AGE:
        raise InvalidValueError(
            f"the legal representative must be an adult, is {representative.age_on(today)}",
            field="legal_representative.iin", rule="representative_not_adult")

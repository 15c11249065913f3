"""The terms of a dual-training agreement and who must be party to it.

The values arrive parsed (the edge builds ``Terms``/``TermsChange``); what is left here
are the rules on them: a term that ends before it starts, the practice-plan flag and the
legal representative of a minor.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import IIN

# The longest plan accepted at all (ten years); the schema imports it.
MAX_PLANNED_MONTHS = 120
ADULT_AGE = 18


def text(value: object, field: str, *, max_length: int = 500) -> str:
    """Kept only for domain/mentor_payments/contract.py (not used by agreements any more);
    the edge checks text with ``domain.shared.text.clean_text``."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidValueError(f"{field} must be a non-empty text", field=field, rule="required")
    if len(value.strip()) > max_length:
        raise InvalidValueError(f"{field} must be at most {max_length} characters",
                                field=field, rule="length")
    return value.strip()


def is_practice_plan_flagged(months: int, credited: tuple[int, int]) -> bool:
    """DOMAIN.md rule 2: a plan outside the credited range (configured, by default 6-18
    months per the methodological letter) is accepted but flagged."""
    low, high = credited
    return not low <= months <= high


@dataclass(frozen=True)
class Person:
    """A trainee or a legal representative as the agreement names them."""

    iin: IIN
    full_name: str


@dataclass(frozen=True)
class Terms:
    """Every term of a new agreement (already parsed at the edge)."""

    specialty_code: str
    qualification: str
    term: DatePeriod
    planned_practice_months: int
    workplace: str


@dataclass(frozen=True)
class TermsChange:
    """Some terms of a draft change or an amendment: None leaves a term as it is."""

    specialty_code: str | None = None
    qualification: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    planned_practice_months: int | None = None
    workplace: str | None = None

    def named(self) -> dict[str, object]:
        """The changed terms by name, as ``TermsChanged``/``AmendmentProposed`` store them."""
        values = ((f.name, getattr(self, f.name)) for f in fields(self))
        return {name: value for name, value in values if value is not None}


def term_of(start: date, end: date, *, field_prefix: str = "") -> DatePeriod:
    if end < start:
        raise InvalidValueError(f"the term ends ({end}) before it starts ({start})",
                                field=f"{field_prefix}end_date", rule="end_before_start")
    return DatePeriod(start, end)


def check_legal_representative(trainee: IIN, representative: IIN | None, today: date) -> None:
    """A minor (under 18 on the day of registration) needs an adult legal representative."""
    trainee.require_born_by(today, field="trainee.iin")
    if representative is not None:
        representative.require_born_by(today, field="legal_representative.iin")
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

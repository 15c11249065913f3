"""Participants: organisations (colleges and enterprises) and enterprises' mentors.

Commands arrive with typed values (BIN, IIN, enums, clean text); what is checked here
are the rules, not the formats.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from uuid import UUID

from eventsourcing.domain import event

from domain.participants.errors import (
    ExperienceRangeError,
    OkedFormatError,
    RequiredValueError,
    WrongKindError,
)
from domain.shared.audit import AuditedAggregate
from domain.shared.identifiers import BIN, IIN
from domain.shared.ids import natural_id
from domain.shared.regions import region_code

# A mentor's years of experience; the schema documents and checks the same bounds.
MIN_EXPERIENCE_YEARS, MAX_EXPERIENCE_YEARS = 0, 70

# OKED (economic activity) code as stored: 2 to 5 digits, no dots.
_OKED_DIGITS = re.compile(r"\d{2,5}")


class OrganisationKind(Enum):
    COLLEGE = "college"
    ENTERPRISE = "enterprise"


class EnterpriseSize(Enum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class CollegeLeague(Enum):
    LEADER = "leader"
    CORE = "core"
    SOCIAL = "social"
    TARGET = "target"


def parse_oked(value: str) -> str:
    """An OKED code as written (``01.11.0``) to the digits stored (``01110``)."""
    digits = value.strip().replace(".", "")
    if not _OKED_DIGITS.fullmatch(digits):
        raise OkedFormatError(f"OKED code must be 2-5 digits, got {value!r}", field="oked")
    return digits


def is_agro(oked: str | None) -> bool:
    """Agro-industrial: OKED section A, divisions 01-03.

    Kept although nothing calls it yet: the agro-industrial rules (section 8) build on it.
    """
    return oked is not None and oked[:2] in ("01", "02", "03")


def _require_text(field: str, value: str) -> None:
    if not value.strip():
        raise RequiredValueError(f"{field} must not be empty", field=field)


class Organisation(AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:participants.Organisation"

    @staticmethod
    def create_id(bin: BIN | str) -> UUID:  # noqa: A002
        return natural_id("organisation", str(bin))

    @event("Registered")
    def __init__(self, bin: BIN, name: str, kind: OrganisationKind, region: str,  # noqa: A002
                 size: EnterpriseSize | None, oked: str | None,
                 league: CollegeLeague | None) -> None:
        self.bin = bin
        self.name = name
        self.kind = kind
        self.region = region
        self.size = size
        self.oked = oked
        self.league = league

    @classmethod
    def register(cls, *, bin: BIN, name: str, kind: OrganisationKind, region: str,  # noqa: A002
                 size: EnterpriseSize | None = None, oked: str | None = None,
                 league: CollegeLeague | None = None) -> Organisation:
        _require_text("name", name)
        region_code(region)
        if kind is OrganisationKind.COLLEGE and size is not None:
            raise WrongKindError("size is for enterprises", field="size")
        if kind is OrganisationKind.ENTERPRISE and league is not None:
            raise WrongKindError("league is for colleges", field="league")
        if oked is not None and not _OKED_DIGITS.fullmatch(oked):
            raise OkedFormatError(f"OKED code must be 2-5 digits (see parse_oked), got {oked!r}",
                                  field="oked")
        return cls(bin=bin, name=name, kind=kind, region=region, size=size, oked=oked,
                   league=league)


class Mentor(AuditedAggregate):
    """A qualified worker registered by an enterprise to mentor its trainees."""

    TOPIC_PREFIX = "dualtrack:participants.Mentor"

    @staticmethod
    def create_id(enterprise_bin: BIN | str, iin: IIN | str) -> UUID:
        return natural_id("mentor", str(enterprise_bin), str(iin))

    @event("Registered")
    def __init__(self, enterprise_bin: BIN, iin: IIN, full_name: str, position: str,
                 qualification: str, experience_years: int) -> None:
        self.enterprise_bin = enterprise_bin
        self.iin = iin
        self.full_name = full_name
        self.position = position
        self.qualification = qualification
        self.experience_years = experience_years
        # On the wire and read by is_active_mentor; nothing makes it False yet.
        self.active = True

    @classmethod
    def register(cls, *, enterprise_bin: BIN, iin: IIN, full_name: str, position: str,
                 qualification: str, experience_years: int, today: date) -> Mentor:
        iin.require_born_by(today, field="iin")
        for field, value in (("full_name", full_name), ("position", position),
                             ("qualification", qualification)):
            _require_text(field, value)
        if not MIN_EXPERIENCE_YEARS <= experience_years <= MAX_EXPERIENCE_YEARS:
            raise ExperienceRangeError(
                f"experience_years must be {MIN_EXPERIENCE_YEARS}-{MAX_EXPERIENCE_YEARS}",
                field="experience_years")
        return cls(enterprise_bin=enterprise_bin, iin=iin, full_name=full_name,
                   position=position, qualification=qualification,
                   experience_years=experience_years)

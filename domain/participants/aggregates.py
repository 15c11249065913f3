"""Participants: organisations (colleges and enterprises) and enterprises' mentors."""

from __future__ import annotations

import re
from enum import Enum
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.audit import AuditedAggregate
from domain.shared.errors import InvalidValueError, RuleViolationError
from domain.shared.identifiers import BIN, IIN
from domain.shared.ids import natural_id
from domain.shared.regions import region_code


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


def check_oked(value: str | None) -> str | None:
    """OKED (economic activity) code: 2 to 5 digits, optionally dotted (``01.11.0``)."""
    if value is None:
        return None
    digits = value.replace(".", "")
    if not re.fullmatch(r"\d{2,5}", digits):
        raise InvalidValueError(f"OKED code must be 2-5 digits, got {value!r}",
                                field="oked", rule="oked")
    return digits


def is_agro(oked: str | None) -> bool:
    """Agro-industrial: OKED section A, divisions 01-03."""
    return bool(oked) and oked[:2] in ("01", "02", "03")  # type: ignore[index]


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
        name = (name or "").strip()
        if not name:
            raise InvalidValueError("name must not be empty", field="name", rule="required")
        region_code(region)
        if kind is OrganisationKind.COLLEGE and size is not None:
            raise InvalidValueError("size is for enterprises", field="size", rule="kind")
        if kind is OrganisationKind.ENTERPRISE and league is not None:
            raise InvalidValueError("league is for colleges", field="league", rule="kind")
        return cls(bin=bin, name=name, kind=kind, region=region, size=size,
                   oked=check_oked(oked), league=league)

    @property
    def is_college(self) -> bool:
        return self.kind is OrganisationKind.COLLEGE

    @property
    def is_enterprise(self) -> bool:
        return self.kind is OrganisationKind.ENTERPRISE


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
        self.active = True

    @classmethod
    def register(cls, *, enterprise_bin: BIN, iin: IIN, full_name: str, position: str,
                 qualification: str, experience_years: int) -> Mentor:
        for field, value in (("full_name", full_name), ("position", position),
                             ("qualification", qualification)):
            if not (value or "").strip():
                raise InvalidValueError(f"{field} must not be empty", field=field,
                                        rule="required")
        if not 0 <= experience_years <= 70:
            raise InvalidValueError("experience_years must be 0-70",
                                    field="experience_years", rule="range")
        return cls(enterprise_bin=enterprise_bin, iin=iin, full_name=full_name.strip(),
                   position=position.strip(), qualification=qualification.strip(),
                   experience_years=experience_years)

    def deregister(self, reason: str) -> None:
        if not self.active:
            raise RuleViolationError("mentor is already deregistered")
        self._deregister(reason=reason)

    @event("Deregistered")
    def _deregister(self, reason: str) -> None:
        self.active = False


class AccessToken(AuditedAggregate):
    """A bearer token, kept only as its SHA-256 hash."""

    TOPIC_PREFIX = "dualtrack:participants.AccessToken"

    @staticmethod
    def create_id(token_hash: str) -> UUID:
        return natural_id("token", token_hash)

    @event("Issued")
    def __init__(self, token_hash: str, role: str, subject: str | None, label: str) -> None:
        self.token_hash = token_hash
        self.role = role
        self.subject = subject
        self.label = label
        self.revoked = False

    @event("Revoked")
    def revoke(self, reason: str) -> None:
        self.revoked = True

"""The participants' commands: one frozen dataclass per use case, holding typed values.

Every entry point (the HTTP schemas, the CLI, the demo) parses its own strings into
these once; the application and the domain take them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.participants.access_token import Subject
from domain.participants.aggregates import CollegeLeague, EnterpriseSize, OrganisationKind
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, IIN


@dataclass(frozen=True)
class RegisterOrganisation:
    bin: BIN
    name: str
    kind: OrganisationKind
    region: str
    size: EnterpriseSize | None = None
    # The stored digits (``domain.participants.aggregates.parse_oked``).
    oked: str | None = None
    league: CollegeLeague | None = None


@dataclass(frozen=True)
class RegisterMentor:
    enterprise_bin: BIN
    iin: IIN
    full_name: str
    position: str
    qualification: str
    experience_years: int


@dataclass(frozen=True)
class IssueToken:
    role: Role
    # The BIN, IIN or region the role is scoped by (``parse_subject`` reads one).
    subject: Subject = None
    label: str = ""


@dataclass(frozen=True)
class RevokeToken:
    # The bearer token itself: only its hash is stored, so it names the record.
    token: str
    reason: str

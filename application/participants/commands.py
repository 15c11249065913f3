"""The participants' commands: one frozen dataclass per use case, holding typed values.

Every entry point (the HTTP schemas, the CLI, the demo) parses its own strings into
these once; the application and the domain take them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
    # When the token stops working (UTC); None: never (the CLI's default is 90 days).
    expires_at: datetime | None = None


@dataclass(frozen=True)
class RevokeToken:
    # The bearer token itself, or its id as ``token list`` shows it (the start of its
    # hash): only the hash is stored.
    token: str
    reason: str
    by_id: bool = False

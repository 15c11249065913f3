"""Participants: organisations, mentors and access tokens."""

from __future__ import annotations

import hashlib
import secrets

from application.base import DualtrackApplication
from application.errors import NotFoundError, PermissionDeniedError
from application.inputs import optional_enum, parse_enum
from application.security import Principal
from domain.participants.aggregates import (
    AccessToken,
    CollegeLeague,
    EnterpriseSize,
    Mentor,
    Organisation,
    OrganisationKind,
)
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError, RuleViolationError
from domain.shared.identifiers import BIN, IIN
from domain.shared.regions import region_code

_SCOPED_BY_BIN = (Role.COLLEGE, Role.ENTERPRISE)
_SCOPED_BY_IIN = (Role.TRAINEE, Role.MENTOR)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Participants(DualtrackApplication):
    name = "participants"

    # Organisations ---------------------------------------------------------------

    def register_organisation(self, principal: Principal, *, bin: str, name: str,  # noqa: A002
                              kind: str, region: str, size: str | None = None,
                              oked: str | None = None, league: str | None = None) -> Organisation:
        principal.require_role(Role.ADMIN)
        org_bin = BIN.parse(bin)
        if self.exists(Organisation.create_id(org_bin)):
            raise RuleViolationError(f"organisation {org_bin} is already registered",
                                     rule="duplicate")
        with self.acting(principal):
            organisation = Organisation.register(
                bin=org_bin, name=name, kind=parse_enum(OrganisationKind, kind, "kind"),
                region=region, size=optional_enum(EnterpriseSize, size, "size"),
                oked=oked, league=optional_enum(CollegeLeague, league, "league"))
        self.record(organisation)
        return organisation

    def organisation(self, bin: str | BIN) -> Organisation:  # noqa: A002
        return self.load(Organisation.create_id(str(bin)), Organisation, f"organisation {bin}")

    def find_organisation(self, bin: str | BIN) -> Organisation | None:  # noqa: A002
        try:
            return self.organisation(bin)
        except NotFoundError:
            return None

    def require_organisation(self, bin: BIN, kind: OrganisationKind, field: str) -> Organisation:
        organisation = self.find_organisation(bin)
        if organisation is None or organisation.kind is not kind:
            raise InvalidValueError(f"{bin} is not a registered {kind.value}",
                                    field=field, rule="unknown_organisation")
        return organisation

    # Mentors ---------------------------------------------------------------------

    def register_mentor(self, principal: Principal, enterprise_bin: str, *, iin: str,
                        full_name: str, position: str, qualification: str,
                        experience_years: int) -> Mentor:
        principal.require_role(Role.ENTERPRISE, Role.ADMIN)
        enterprise = BIN.parse(enterprise_bin)
        if principal.role is Role.ENTERPRISE and principal.subject != enterprise.value:
            raise NotFoundError(f"enterprise {enterprise} not found")
        self.require_organisation(enterprise, OrganisationKind.ENTERPRISE, "enterprise_bin")
        mentor_iin = IIN.parse(iin, today=self.today())
        if self.exists(Mentor.create_id(enterprise, mentor_iin)):
            raise RuleViolationError(f"mentor {mentor_iin} is already registered at {enterprise}",
                                     rule="duplicate")
        with self.acting(principal):
            mentor = Mentor.register(enterprise_bin=enterprise, iin=mentor_iin,
                                     full_name=full_name, position=position,
                                     qualification=qualification,
                                     experience_years=experience_years)
        self.record(mentor)
        return mentor

    def mentor(self, enterprise_bin: str | BIN, iin: str | IIN) -> Mentor:
        return self.load(Mentor.create_id(enterprise_bin, iin), Mentor,
                         f"mentor {iin} at {enterprise_bin}")

    def is_active_mentor(self, enterprise_bin: str | BIN, iin: str | IIN) -> bool:
        try:
            return self.mentor(enterprise_bin, iin).active
        except NotFoundError:
            return False

    # Access tokens ---------------------------------------------------------------

    def issue_token(self, principal: Principal, role: str, subject: str | None = None,
                    label: str = "") -> str:
        """Issue a new bearer token and return it; only its hash is stored."""
        principal.require_role(Role.ADMIN)
        token_role = parse_enum(Role, role, "role")
        if token_role is Role.SYSTEM:
            raise PermissionDeniedError("system tokens are never issued")
        subject = _check_subject(token_role, subject, self.today())
        token = secrets.token_urlsafe(32)
        token_hash = hash_token(token)
        with self.acting(principal):
            access = AccessToken(token_hash=token_hash, role=token_role.value,
                                 subject=subject, label=label)
        self.record(access)
        return token

    def authenticate(self, token: str, correlation_id: str) -> Principal | None:
        """The principal behind ``token``, or None if it is unknown or revoked."""
        if not token or len(token) > 200:
            return None
        token_hash = hash_token(token)
        try:
            access = self.load(AccessToken.create_id(token_hash), AccessToken, "token")
        except NotFoundError:
            return None
        if access.revoked:
            return None
        return Principal(Role(access.role), access.subject, correlation_id=correlation_id,
                         token_id=token_hash[:12])


def _check_subject(role: Role, subject: str | None, today) -> str | None:  # type: ignore[no-untyped-def]
    if role in _SCOPED_BY_BIN:
        if not subject:
            raise InvalidValueError(f"a {role.value} token needs --bin", field="bin",
                                    rule="required")
        return BIN.parse(subject).value
    if role in _SCOPED_BY_IIN:
        if not subject:
            raise InvalidValueError(f"a {role.value} token needs --iin", field="iin",
                                    rule="required")
        return IIN.parse(subject, today=today).value
    if role is Role.MONITOR:
        return region_code(subject) if subject else None
    if subject:
        raise InvalidValueError(f"a {role.value} token has no subject", field="subject",
                                rule="unexpected")
    return None

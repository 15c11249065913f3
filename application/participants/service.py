"""Participants: organisations, mentors and access tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from application.base import DualtrackApplication, Recorded
from application.errors import NotFoundError, PermissionDeniedError
from application.participants.commands import (
    IssueToken,
    RegisterMentor,
    RegisterOrganisation,
    RevokeToken,
)
from application.security import Principal
from domain.participants.access_token import AccessToken
from domain.participants.aggregates import Mentor, Organisation, OrganisationKind
from domain.participants.errors import (
    MentorAlreadyRegisteredError,
    OrganisationAlreadyRegisteredError,
    UnknownOrganisationError,
)
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN

_TOKEN_MAX_LENGTH = 200


def _now() -> datetime:
    return datetime.now(UTC)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Participants(DualtrackApplication):
    name = "participants"
    # Every request reads its token, most commands one or two organisations: kept in
    # memory and fast-forwarded, so a revocation is seen by every process at once.
    aggregate_cache_size = 10_000

    # Organisations ---------------------------------------------------------------

    def register_organisation(self, principal: Principal,
                              command: RegisterOrganisation) -> Recorded[Organisation]:
        principal.require_role(Role.ADMIN)
        if self.exists(Organisation.create_id(command.bin)):
            raise OrganisationAlreadyRegisteredError(
                f"organisation {command.bin} is already registered")
        with self.acting(principal):
            organisation = Organisation.register(
                bin=command.bin, name=command.name, kind=command.kind, region=command.region,
                size=command.size, oked=command.oked, league=command.league)
        return self.recorded(organisation)

    def organisation(self, bin: BIN) -> Organisation:  # noqa: A002
        return self.load(Organisation.create_id(bin), Organisation, f"organisation {bin}")

    def find_organisation(self, bin: BIN) -> Organisation | None:  # noqa: A002
        return self.load_or_none(Organisation.create_id(bin), Organisation,
                                 f"organisation {bin}")

    def require_organisation(self, bin: BIN, kind: OrganisationKind,  # noqa: A002
                             field: str) -> Organisation:
        """The organisation a command names under ``field``; 422 if it is not one of ``kind``."""
        organisation = self.find_organisation(bin)
        if organisation is None or organisation.kind is not kind:
            raise UnknownOrganisationError(f"{bin} is not a registered {kind.value}",
                                           field=field)
        return organisation

    # Mentors ---------------------------------------------------------------------

    def register_mentor(self, principal: Principal, command: RegisterMentor) -> Recorded[Mentor]:
        principal.require_role(Role.ENTERPRISE, Role.ADMIN)
        enterprise = command.enterprise_bin
        if principal.role is Role.ENTERPRISE and not principal.is_(Role.ENTERPRISE,
                                                                   enterprise.value):
            raise NotFoundError(f"enterprise {enterprise} not found")
        self.require_organisation(enterprise, OrganisationKind.ENTERPRISE, "enterprise_bin")
        if self.exists(Mentor.create_id(enterprise, command.iin)):
            raise MentorAlreadyRegisteredError(
                f"mentor {command.iin} is already registered at {enterprise}")
        with self.acting(principal):
            mentor = Mentor.register(
                enterprise_bin=enterprise, iin=command.iin, full_name=command.full_name,
                position=command.position, qualification=command.qualification,
                experience_years=command.experience_years, today=self.today())
        return self.recorded(mentor)

    def mentor(self, enterprise_bin: BIN, iin: IIN) -> Mentor:
        return self.load(Mentor.create_id(enterprise_bin, iin), Mentor,
                         f"mentor {iin} at {enterprise_bin}")

    def is_active_mentor(self, enterprise_bin: BIN, iin: IIN) -> bool:
        mentor = self.load_or_none(Mentor.create_id(enterprise_bin, iin), Mentor,
                                   f"mentor {iin} at {enterprise_bin}")
        return mentor is not None and mentor.active

    # Access tokens ---------------------------------------------------------------

    def issue_token(self, principal: Principal, command: IssueToken) -> str:
        """Issue a new bearer token and return it (the secret: only its hash is stored)."""
        principal.require_role(Role.ADMIN)
        if command.role is Role.SYSTEM:
            raise PermissionDeniedError("system tokens are never issued")
        token = secrets.token_urlsafe(32)
        if command.expires_at is not None and command.expires_at <= _now():
            raise InvalidValueError("a token must expire in the future", field="expires_in",
                                    rule="positive")
        with self.acting(principal):
            access = AccessToken.issue(token_hash=hash_token(token), role=command.role,
                                       subject=command.subject, label=command.label,
                                       expires_at=command.expires_at)
        self.recorded(access)
        return token

    def revoke_token(self, principal: Principal, command: RevokeToken) -> Recorded[AccessToken]:
        """Revoke a bearer token: refused from the next request on, in every process."""
        principal.require_role(Role.ADMIN)
        access = (self._token_by_id(command.token) if command.by_id else self.load_or_none(
            AccessToken.create_id(hash_token(command.token)), AccessToken, "token"))
        if access is None:
            raise NotFoundError("token not found")
        if access.revoked:
            return Recorded(access, new=False, position=None)
        with self.acting(principal):
            access.revoke(command.reason)
        return self.recorded(access)

    def tokens(self, principal: Principal) -> list[AccessToken]:
        """Every token ever issued, oldest first (admins: ``dualtrack token list``)."""
        principal.require_role(Role.ADMIN)
        found: list[AccessToken] = []
        start, issued = 1, [f"{AccessToken.TOPIC_PREFIX}.Issued"]
        while batch := self.recorder.select_notifications(start, 500, topics=issued):
            for notification in batch:
                token = self.load_or_none(notification.originator_id,  # type: ignore[arg-type]
                                          AccessToken, "token")
                if token is not None:
                    found.append(token)
            start = batch[-1].id + 1
        return found

    def _token_by_id(self, token_id: str) -> AccessToken | None:
        matches = [t for t in self.tokens(Principal(Role.ADMIN)) if t.token_id == token_id]
        return matches[0] if len(matches) == 1 else None

    def authenticate(self, token: str, correlation_id: str) -> Principal | None:
        """The principal behind ``token``, or None if it is unknown or revoked."""
        if not token or len(token) > _TOKEN_MAX_LENGTH:
            return None
        token_hash = hash_token(token)
        access = self.load_or_none(AccessToken.create_id(token_hash), AccessToken, "token")
        if access is None or not access.valid_at(_now()):
            return None
        return Principal(access.role, access.subject, correlation_id=correlation_id,
                         token_id=token_hash[:12])

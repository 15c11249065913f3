"""Access tokens: who a bearer token speaks for, kept only as its SHA-256 hash.

Each role is scoped by one kind of subject: colleges and enterprises by their BIN,
trainees and mentors by their IIN, a monitor optionally by a region; the others by
nothing. ``parse_subject`` reads a person's string into that subject (the CLI and the
demo use it); ``AccessToken.issue`` enforces the scoping on typed values.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import event

from domain.participants.errors import RequiredValueError, UnexpectedSubjectError
from domain.shared.audit import AuditedAggregate, Role
from domain.shared.identifiers import BIN, IIN
from domain.shared.ids import natural_id
from domain.shared.regions import region_code

# A BIN, an IIN, a region code (a monitor's) or nothing.
Subject = BIN | IIN | str | None

SCOPED_BY_BIN = (Role.COLLEGE, Role.ENTERPRISE)
SCOPED_BY_IIN = (Role.TRAINEE, Role.MENTOR)


def parse_subject(role: Role, value: str | None, *, today: date | None = None) -> Subject:
    """The subject ``role`` is scoped by, read from a person's string (None stays None)."""
    if value is None:
        return None
    if role in SCOPED_BY_BIN:
        return BIN.parse(value)
    if role in SCOPED_BY_IIN:
        return IIN.parse(value, today=today)
    if role is Role.MONITOR:
        return region_code(value)
    raise UnexpectedSubjectError(f"a {role.value} token has no subject", field="subject")


def _checked_subject(role: Role, subject: Subject) -> str | None:
    """The subject as stored (a plain string), after checking it fits the role."""
    if role in SCOPED_BY_BIN:
        if not isinstance(subject, BIN):
            raise RequiredValueError(f"a {role.value} token needs the organisation's BIN",
                                     field="bin")
        return subject.value
    if role in SCOPED_BY_IIN:
        if not isinstance(subject, IIN):
            raise RequiredValueError(f"a {role.value} token needs the person's IIN",
                                     field="iin")
        return subject.value
    if role is Role.MONITOR and (subject is None or isinstance(subject, str)):
        return None if subject is None else region_code(subject)
    if subject is not None:
        raise UnexpectedSubjectError(f"a {role.value} token has no subject", field="subject")
    return None


class AccessToken(AuditedAggregate):
    """A bearer token, kept only as its SHA-256 hash."""

    TOPIC_PREFIX = "dualtrack:participants.AccessToken"

    @staticmethod
    def create_id(token_hash: str) -> UUID:
        return natural_id("token", token_hash)

    @classmethod
    def issue(cls, *, token_hash: str, role: Role, subject: Subject, label: str,
              expires_at: datetime | None = None) -> AccessToken:
        # The role is stored as its plain value, as it always was.
        return cls(token_hash=token_hash, role=role.value,
                   subject=_checked_subject(role, subject), label=label,
                   expires_at=expires_at)

    # ``expires_at`` came later: tokens issued before it was recorded never expire.
    @event("Issued")
    def __init__(self, token_hash: str, role: str, subject: str | None, label: str,
                 expires_at: datetime | None = None) -> None:
        self.token_hash = token_hash
        # Stored as a string (a StrEnum is written bare and read back as str): made a Role here.
        self.role = Role(role)
        self.subject = subject
        self.label = label
        self.expires_at = expires_at
        self.revoked = False
        self.revocation_reason: str | None = None

    @property
    def token_id(self) -> str:
        """What lists and logs show of a token: the start of its hash, never the secret."""
        return self.token_hash[:12]

    def valid_at(self, moment: datetime) -> bool:
        return not self.revoked and (self.expires_at is None or moment < self.expires_at)

    @event("Revoked")
    def revoke(self, reason: str) -> None:
        self.revoked = True
        self.revocation_reason = reason

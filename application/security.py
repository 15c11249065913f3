"""Who is calling: the principal behind a token, and the checks every command makes.

Authorisation lives here, in the application layer, so that every entry point
(HTTP, command line, demo) is held to the same rules as DOMAIN.md's role table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import uuid4

from application.errors import NotFoundError, PermissionDeniedError
from domain.shared.audit import Actor, Role


@dataclass(frozen=True)
class Principal:
    role: Role
    # BIN for a college or an enterprise, IIN for a trainee or a mentor, region
    # code for a regional monitor; None for national monitors, auditors, admins.
    subject: str | None = None
    correlation_id: str = field(default_factory=lambda: uuid4().hex)
    token_id: str = ""

    @property
    def actor(self) -> Actor:
        return Actor(self.role, self.subject or self.token_id or self.role.value)

    def require_role(self, *roles: Role) -> None:
        """403 unless the caller's role is one of ``roles`` (the system may do anything)."""
        if self.role is not Role.SYSTEM and self.role not in roles:
            allowed = ", ".join(r.value for r in roles)
            raise PermissionDeniedError(
                f"role {self.role.value!r} may not do this (allowed: {allowed})"
            )

    def is_(self, role: Role, subject: str | None) -> bool:
        return self.role is role and subject is not None and self.subject == subject

    @property
    def reads_everything(self) -> bool:
        # Not the admin: an operator manages participants and tokens, and DOMAIN.md
        # gives it no right to agreements, contracts or credits (personal data).
        return self.role in (Role.AUDITOR, Role.SYSTEM)

    def require_visible(self, visible: bool, what: str) -> None:
        """404 for another party's resource, so that existence does not leak."""
        if not visible:
            raise NotFoundError(f"{what} not found")


SYSTEM = Principal(Role.SYSTEM, "dualtrack", correlation_id="system")

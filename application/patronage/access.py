"""Who may read or change a patronage memorandum (DOMAIN.md's role table).

Its enterprise and its college read it, and auditors (who read everything); another
enterprise or college gets "not found", so that existence does not leak; every other
role (trainee, mentor, monitor, admin) gets "forbidden": monitors see the figures only.
The enterprise drafts, signs and records what it delivers; the college co-signs; either
party may terminate.
"""

from __future__ import annotations

from application.errors import PermissionDeniedError
from application.security import Principal
from domain.patronage.memorandum import PatronageMemorandum
from domain.patronage.records import Signatory
from domain.shared.audit import Role

MEMORANDUM = "patronage memorandum"
READERS = (Role.ENTERPRISE, Role.COLLEGE, Role.AUDITOR)
PARTIES = (Role.ENTERPRISE, Role.COLLEGE)
DELIVERERS = (Role.ENTERPRISE,)

_SIGNATORY_OF_ROLE = {Role.ENTERPRISE: Signatory.ENTERPRISE, Role.COLLEGE: Signatory.COLLEGE}


def is_party(principal: Principal, memorandum: PatronageMemorandum) -> bool:
    return principal.reads_everything or \
        principal.is_(Role.ENTERPRISE, memorandum.enterprise_bin.value) or \
        principal.is_(Role.COLLEGE, memorandum.college_bin.value)


def require_party(principal: Principal, memorandum: PatronageMemorandum) -> None:
    principal.require_visible(is_party(principal, memorandum), MEMORANDUM)


def may_sign_as(principal: Principal, party: Signatory) -> None:
    """A party signs for itself only (the system for either)."""
    if principal.role is not Role.SYSTEM and _SIGNATORY_OF_ROLE.get(principal.role) is not party:
        raise PermissionDeniedError(f"a {principal.role.value} may not sign as the "
                                    f"{party.value}")


def signatory(principal: Principal) -> Signatory:
    """The party a principal speaks for (the system speaks as the enterprise)."""
    return Signatory.COLLEGE if principal.role is Role.COLLEGE else Signatory.ENTERPRISE

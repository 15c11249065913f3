"""Who may read or change an agreement, and as which party (DOMAIN.md roles table).

Another party's agreement answers ``NotFoundError`` so that its existence does not
leak; a role that may never do the thing answers ``PermissionDeniedError``.
"""

from __future__ import annotations

from application.errors import PermissionDeniedError
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.records import Party
from domain.shared.audit import Role

READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.TRAINEE, Role.AUDITOR)
ORGANISATIONS = (Role.COLLEGE, Role.ENTERPRISE)
SIGNERS = (Role.COLLEGE, Role.ENTERPRISE, Role.TRAINEE)

# The college records the trainee's and the representative's signatures made on paper.
_PARTIES_BY_ROLE = {
    Role.COLLEGE: {Party.COLLEGE, Party.TRAINEE, Party.LEGAL_REPRESENTATIVE},
    Role.ENTERPRISE: {Party.ENTERPRISE},
    Role.TRAINEE: {Party.TRAINEE},
    Role.SYSTEM: set(Party),
}


def is_party(principal: Principal, agreement: DualTrainingAgreement) -> bool:
    if principal.reads_everything:
        return True
    return (principal.is_(Role.COLLEGE, agreement.college_bin.value)
            or principal.is_(Role.ENTERPRISE, agreement.enterprise_bin.value)
            or principal.is_(Role.TRAINEE, agreement.trainee_iin.value))


def require_party(principal: Principal, agreement: DualTrainingAgreement) -> None:
    principal.require_visible(is_party(principal, agreement), f"agreement {agreement.id}")


def may_act_as(principal: Principal, party: Party) -> None:
    if party not in _PARTIES_BY_ROLE.get(principal.role, set()):
        raise PermissionDeniedError(f"a {principal.role.value} may not act as the "
                                    f"{party.value}")


def organisation_party(principal: Principal) -> Party:
    """The party an organisation's principal speaks for (the system speaks as the college)."""
    return Party.ENTERPRISE if principal.role is Role.ENTERPRISE else Party.COLLEGE

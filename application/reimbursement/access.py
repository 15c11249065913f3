"""Who may read or change reimbursement records (DOMAIN.md's role table).

A claim is the enterprise's and its college's: the enterprise submits it, the college
decides and pays it, both read it, and so do auditors. Another enterprise's or
college's claim is "not found". Trainees, mentors, monitors and the admin may not read
claims at all (403): a monitor sees only the aggregated view. Reference data is the
admin's to set; norms are public to every caller, a budget to its college, the admin
and auditors.
"""

from __future__ import annotations

from application.security import Principal
from domain.reimbursement.claim import ReimbursementClaim
from domain.shared.audit import Role
from domain.shared.identifiers import BIN

CLAIM_READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.AUDITOR)
BUDGET_READERS = (Role.COLLEGE, Role.ADMIN, Role.AUDITOR)
NORM_READERS = tuple(Role)


def is_party(principal: Principal, claim: ReimbursementClaim) -> bool:
    return principal.reads_everything or \
        principal.is_(Role.COLLEGE, claim.college_bin.value) or \
        principal.is_(Role.ENTERPRISE, claim.enterprise_bin.value)


def check_claim_reader(principal: Principal, claim: ReimbursementClaim) -> None:
    principal.require_visible(is_party(principal, claim), f"reimbursement claim {claim.id}")


def check_college(principal: Principal, claim: ReimbursementClaim) -> None:
    """The claim's own college (or the system) decides and pays it; others: 404."""
    allowed = principal.role is Role.SYSTEM or principal.is_(Role.COLLEGE,
                                                             claim.college_bin.value)
    principal.require_visible(allowed, f"reimbursement claim {claim.id}")


def check_budget_reader(principal: Principal, college_bin: BIN) -> None:
    principal.require_role(*BUDGET_READERS)
    allowed = principal.role is not Role.COLLEGE or principal.is_(Role.COLLEGE,
                                                                  college_bin.value)
    principal.require_visible(allowed, f"reimbursement budget of {college_bin}")

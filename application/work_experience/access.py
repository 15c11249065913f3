"""Who may read a work-experience credit or a certificate, and who issues certificates.

A role that may never do the thing answers ``PermissionDeniedError`` (monitors see
only the anonymous monitoring views); a party it does not concern answers
``NotFoundError``, so that a credit's existence does not leak.
"""

from __future__ import annotations

from application.security import Principal
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, IIN
from domain.work_experience.certificate import Certificate
from domain.work_experience.credit import WorkExperienceCredit

CREDIT_READERS = (Role.TRAINEE, Role.COLLEGE, Role.ENTERPRISE, Role.AUDITOR)
# The full certificate (IIN, name, verification code) is its trainee's, its college's, its
# enterprise's and auditors'; another employer checks it by number and code, without a
# token (``WorkExperience.verify_certificate``), and learns no personal data.
CERTIFICATE_READERS = CREDIT_READERS
CERTIFICATE_ISSUERS = (Role.ENTERPRISE, Role.COLLEGE)


def require_credit_reader(principal: Principal) -> None:
    principal.require_role(*CREDIT_READERS)


def may_read_credit(principal: Principal, trainee: IIN,
                    record: WorkExperienceCredit | None) -> bool:
    """The trainee, those who read everything, and the organisations of its agreements."""
    if principal.reads_everything or principal.is_(Role.TRAINEE, trainee.value):
        return True
    if principal.role in (Role.COLLEGE, Role.ENTERPRISE) and principal.subject:
        # The subject of a stored token: a BIN checked when the token was issued.
        return record is not None and record.is_party(BIN.trusted(principal.subject))
    return False


def require_certificate_reader(principal: Principal) -> None:
    principal.require_role(*CERTIFICATE_READERS)


def may_read_certificate(principal: Principal, certificate: Certificate) -> bool:
    """Its trainee, its college, its enterprise, and those who read everything."""
    return (principal.reads_everything
            or principal.is_(Role.TRAINEE, certificate.trainee_iin.value)
            or principal.is_(Role.COLLEGE, certificate.college_bin.value)
            or principal.is_(Role.ENTERPRISE, certificate.enterprise_bin.value))


def require_issuer(principal: Principal, college_bin: BIN, enterprise_bin: BIN,
                   what: str) -> None:
    """The agreement's enterprise (which fills in the Annex) or its college."""
    principal.require_visible(
        principal.reads_everything or principal.is_(Role.COLLEGE, college_bin.value)
        or principal.is_(Role.ENTERPRISE, enterprise_bin.value), what)

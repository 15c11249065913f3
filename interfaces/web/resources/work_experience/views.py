"""Work-experience credit and its certificates over HTTP (API.md, work-experience credit).

Each view is one call to ``application.work_experience.service.WorkExperience``, which first
catches up with the agreements, so every answer reflects every change committed before:
- ``GET /api/v1/trainees/{iin}/work-experience``: the credit (the trainee, the
  organisations of its agreements, auditor, admin; a monitor 403);
- ``POST /api/v1/agreements/{id}/certificate`` (its enterprise, or its college) -> 201 the
  certificate (the Annex), ``Location`` ``/api/v1/certificates/{number}``;
- ``GET /api/v1/certificates/{number}``: the full certificate (with its verification
  code), for its trainee, its college, its enterprise and auditors; any other party 404;
- ``GET /api/v1/certificate-verification?number=&code=`` (no token, rate limited per
  address): any employer shown a certificate checks it, and learns no IIN or name;
- ``POST /api/v1/certificates/{number}/correction`` ``{reason}`` -> 201 the certificate that
  supersedes it, ``Location`` the new one; the old one stays, marked ``superseded_by``.

The credit answers with its ETag (the credit aggregate's version, "0" before it exists).
A certificate is not an aggregate (it lives in the trainee's credit) and never changes
content once issued, so its answers carry no ETag and its commands take no If-Match;
issuing answers with the position of its write (X-Position).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for

from application.work_experience.commands import (
    CorrectCertificate,
    IssueCertificate,
    IssuedCertificate,
)
from domain.shared.identifiers import IIN
from domain.work_experience.certificate import Certificate
from interfaces import i18n
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal, public
from interfaces.web.etags import tagged
from interfaces.web.resources.work_experience.schemas import (
    SUPERSEDED,
    UNKNOWN,
    VALID,
    CertificateOut,
    CertificateVerificationOut,
    CertificateVerificationQuery,
    CorrectionIn,
    CreditOut,
)
from interfaces.web.runtime import system

blp = ApiBlueprint("work_experience", __name__, url_prefix="/api/v1",
                   description="Trainees' work-experience credit (labour seniority from "
                               "practice) and the certificates that confirm it.")

CERTIFICATE = "/certificates/<string(maxlength=200):number>"


def _issued(issued: IssuedCertificate) -> Any:
    location = url_for("work_experience.certificate", number=issued.certificate.number)
    headers = {"Location": location}
    if issued.recorded.position is not None:
        headers["X-Position"] = issued.recorded.position
    return issued.certificate, headers


@blp.route("/trainees/<iin:iin>/work-experience")
@blp.response(200, CreditOut)
@blp.alt_response(404, response="NOT_FOUND")
def credit(iin: str) -> Any:
    """A trainee's practice, seniority earned and certificates, across its agreements"""
    summary = system().work_experience.credit_for(principal(), IIN.parse(iin))
    return summary, tagged(summary)


@blp.route("/agreements/<uuid:agreement_id>/certificate", methods=["POST"])
@blp.response(201, CertificateOut)
@blp.alt_response(404, response="NOT_FOUND")
def issue_certificate(agreement_id: UUID) -> Any:
    """Issue the work-experience certificate of a completed or terminated agreement"""
    command = IssueCertificate(agreement_id)
    return _issued(system().work_experience.issue_certificate(principal(), command))


@blp.route(CERTIFICATE)
@blp.response(200, CertificateOut)
@blp.alt_response(404, response="NOT_FOUND")
def certificate(number: str) -> Any:
    """A certificate by its number, for an employer to check it"""
    return system().work_experience.certificate(principal(), number)


@blp.route("/certificate-verification")
@public
@blp.arguments(CertificateVerificationQuery, location="query", as_kwargs=True)
@blp.response(200, CertificateVerificationOut)
def verify_certificate(number: str, code: str) -> Any:
    """Check a certificate by the number and the code printed on it (no token)

    For any employer shown a certificate. Always 200: `{"valid": true}` with the
    enterprise (BIN and name), the months and days credited and the issue date when the
    number and the code match a certificate in force; `"valid": false, "status":
    "superseded"` with the same figures and the correction's number when a correction
    replaced it; and otherwise one and the same answer, `{"valid": false, "status":
    "unknown"}`, whether the number does not exist, the code is wrong, or the certificate
    was issued before verification codes existed (those are checked with the college that
    issued them). So the endpoint tells nobody which numbers exist: numbers are readable
    (`WEC-<college BIN>-<agreement number>-<n>`) and so guessable, the code is not
    (12 characters of 31, about 59 bits, drawn with `secrets` when the certificate is
    issued). Never the trainee's IIN or name. Rate limited per client address
    (`DUALTRACK_VERIFICATION_RATE_LIMIT`, default 30/minute): past it 429.
    """
    found = system().work_experience.verify_certificate(number, code)
    return _verification(found)


def _verification(found: Certificate | None) -> dict[str, Any]:
    if found is None:
        return {"valid": False, "status": UNKNOWN, "message": i18n.gettext(
            "No certificate has this number and this code. A certificate issued before "
            "verification codes existed can be checked only with the college that "
            "issued it.")}
    enterprise = system().participants.find_organisation(found.enterprise_bin)
    answer: dict[str, Any] = {
        "valid": found.is_valid, "status": VALID if found.is_valid else SUPERSEDED,
        "message": i18n.gettext("The work-experience certificate is valid.")
        if found.is_valid else i18n.gettext(
            "This certificate was superseded by a correction: ask for certificate "
            "%(number)s.", number=found.superseded_by),
        "number": found.number,
        "enterprise": {"bin": found.enterprise_bin,
                       "name": enterprise.name if enterprise else None},
        "credited": found.credited, "issued_on": found.issued_on}
    if found.superseded_by:
        answer["superseded_by"] = found.superseded_by
    return answer


@blp.route(CERTIFICATE + "/correction", methods=["POST"])
@blp.arguments(CorrectionIn)
@blp.response(201, CertificateOut)
@blp.alt_response(404, response="NOT_FOUND")
def correct_certificate(body: dict[str, Any], number: str) -> Any:
    """Correct a certificate: a new one supersedes it, with a reason; both stay on record"""
    command = CorrectCertificate(number=number, **body)
    return _issued(system().work_experience.supersede_certificate(principal(), command))

"""Work-experience credit and its certificates over HTTP (API.md, work-experience credit).

Each view is one call to ``application.work_experience.service.WorkExperience``, which first
catches up with the agreements, so every answer reflects every change committed before:
- ``GET /api/v1/trainees/{iin}/work-experience``: the credit (the trainee, the
  organisations of its agreements, auditor, admin; a monitor 403);
- ``POST /api/v1/agreements/{id}/certificate`` (its enterprise, or its college) -> 201 the
  certificate (the Annex), ``Location`` ``/api/v1/certificates/{number}``;
- ``GET /api/v1/certificates/{number}``: any college or enterprise may check one it is
  shown (a trainee only its own);
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
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.etags import tagged
from interfaces.web.resources.work_experience.schemas import CertificateOut, CorrectionIn, CreditOut
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


@blp.route(CERTIFICATE + "/correction", methods=["POST"])
@blp.arguments(CorrectionIn)
@blp.response(201, CertificateOut)
@blp.alt_response(404, response="NOT_FOUND")
def correct_certificate(body: dict[str, Any], number: str) -> Any:
    """Correct a certificate: a new one supersedes it, with a reason; both stay on record"""
    command = CorrectCertificate(number=number, **body)
    return _issued(system().work_experience.supersede_certificate(principal(), command))

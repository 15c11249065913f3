"""Work-experience credit and its certificates (the Annex) on the wire.

Dumped straight from ``domain.work_experience.summary.CreditSummary`` and
``domain.work_experience.certificate.Certificate``. Durations are seniority (стаж): months and days,
every 30 days a month (DOMAIN.md, WorkExperienceCredit rule 1).
"""

from __future__ import annotations

from domain.work_experience.seniority import CreditOutcome
from domain.work_experience.summary import IN_PROGRESS, NO_PRACTICE
from interfaces.web.fields import (
    Bin,
    Bool,
    Choice,
    Date,
    Iin,
    InputSchema,
    Int,
    List,
    Nested,
    OutputSchema,
    Region,
    Str,
    Uuid,
)

CREDIT_STATUSES = (NO_PRACTICE, IN_PROGRESS, *(outcome.value for outcome in CreditOutcome))
VALID, SUPERSEDED, UNKNOWN = "valid", "superseded", "unknown"
VERIFICATION_STATUSES = (VALID, SUPERSEDED, UNKNOWN)


class CorrectionIn(InputSchema):
    reason = Str(required=True, max_length=2000, multiline=True, metadata={
        "description": "what was wrong with the certificate it supersedes"})


class PeriodOut(OutputSchema):
    start_date = Date(attribute="start")
    end_date = Date(attribute="end")
    days = Int(metadata={"description": "calendar days"})


class DurationOut(OutputSchema):
    months = Int()
    days = Int(metadata={"description": "0-29: every 30 days make a month"})


class AgreementPracticeOut(OutputSchema):
    """What the credit knows of one of the trainee's agreements."""

    agreement_id = Uuid()
    number = Str()
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()
    status = Str(metadata={"example": "completed"})
    closed_on = Date(allow_none=True, metadata={"description": "completion or termination"})
    periods = List(Nested(PeriodOut), attribute="counted_periods",
                   metadata={"description": "practice, suspended days cut out"})
    total = Nested(DurationOut)


class CertificateOut(OutputSchema):
    number = Str(metadata={"example": "WEC-220940000007-DT-2026-001-1"})
    valid = Bool(attribute="is_valid", metadata={
        "description": "false once a correction has superseded it"})
    agreement_id = Uuid()
    agreement_number = Str()
    trainee_iin = Iin()
    trainee_name = Str()
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()
    agreement_status = Str(metadata={"description": "completed or terminated"})
    closed_on = Date(allow_none=True)
    periods = List(Nested(PeriodOut), metadata={"description": "the practice that counts"})
    total = Nested(DurationOut)
    credited = Nested(DurationOut, metadata={
        "description": "toward labour seniority: nothing under 6 months, at most 18"})
    reason = Str(allow_none=True, metadata={"description": "why credited differs from total"})
    issued_on = Date()
    supersedes = Str(allow_none=True, metadata={"description": "the certificate it corrects"})
    correction_reason = Str(allow_none=True)
    superseded_by = Str(allow_none=True)
    verification_code = Str(allow_none=True, metadata={
        "example": "7KQM-X3PA-9RTD",
        "description": "printed on the certificate beside its number: with both, anyone "
                       "checks it at /api/v1/certificate-verification; null for one "
                       "issued before codes existed (checked with its college only)"})


class CertificateInCreditOut(CertificateOut):
    """A certificate as the credit lists it: without its verification code, which only
    the certificate's own readers see (``GET /api/v1/certificates/{number}``)."""

    class Meta:
        exclude = ("verification_code",)


class CreditOut(OutputSchema):
    trainee_iin = Iin()
    trainee_name = Str(allow_none=True)
    periods = List(Nested(PeriodOut), metadata={
        "description": "all agreements' practice, merged, suspended days cut out"})
    total = Nested(DurationOut)
    credited = Nested(DurationOut)
    status = Choice(CREDIT_STATUSES, metadata={
        "description": "in_progress while an agreement is open (the credit may still grow)"})
    reason = Str(allow_none=True, metadata={"description": "why credited differs from total"})
    agreements = List(Nested(AgreementPracticeOut))
    certificates = List(Nested(CertificateInCreditOut), metadata={
        "description": "without verification codes: read each certificate for its own"})


class CertificateVerificationQuery(InputSchema):
    number = Str(required=True, max_length=200, metadata={
        "example": "WEC-220940000007-DT-2026-001-1"})
    code = Str(required=True, max_length=40, metadata={
        "example": "7KQM-X3PA-9RTD",
        "description": "as printed; any case, dashes and spaces optional"})


class VerifiedEnterpriseOut(OutputSchema):
    bin = Bin()
    name = Str(allow_none=True)


class CertificateVerificationOut(OutputSchema):
    """What anyone holding a certificate's number and code may learn: no IIN, no name."""

    valid = Bool(metadata={
        "description": "true: the number and code match a certificate no correction has "
                       "superseded; false for every other case, told apart by nothing but "
                       "status"})
    status = Choice(VERIFICATION_STATUSES, metadata={
        "description": "valid; superseded (the code matches, a correction replaced it); "
                       "unknown (no certificate has this number and this code: an unknown "
                       "number, a wrong code and a certificate issued before codes existed "
                       "answer alike)"})
    message = Str(metadata={"description": "the status in the request's language"})
    number = Str(metadata={"description": "only when the code matched"})
    enterprise = Nested(VerifiedEnterpriseOut, metadata={"description": "only when matched"})
    credited = Nested(DurationOut, metadata={
        "description": "toward labour seniority, only when matched"})
    issued_on = Date(metadata={"description": "only when matched"})
    superseded_by = Str(metadata={"description": "the correction, when superseded"})

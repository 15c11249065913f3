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
    certificates = List(Nested(CertificateOut))

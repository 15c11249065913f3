"""The monitoring figures on the wire (no personal data: counts, sums, organisations).

What each figure means is defined once, in ``application.projections.monitoring``;
the descriptions here repeat it for readers of the OpenAPI document. The JSON rows
carry the same columns, in the same order, as the CSV and XLSX exports.
"""

from __future__ import annotations

from marshmallow import fields

from application.projections.deadlines import GROUPS as DEADLINE_GROUPS
from application.projections.deadlines import KIND_NAMES, KIND_TITLES
from application.projections.monitoring import GROUPS
from interfaces.web.fields import (
    Bin,
    Choice,
    Date,
    Int,
    List,
    Money,
    Nested,
    OutputSchema,
    Range,
    Region,
    Str,
)
from interfaces.web.resources.agreements.listing_schemas import MinPositionQuery
from interfaces.web.resources.audit.schemas import QueryInt

GROUP_BY = tuple(GROUPS)


class CertificatesQuery(MinPositionQuery):
    region = Region(metadata={"description": "only this region; a regional monitor's own "
                                             "region always (another one is 403)"})


class DualTrainingQuery(CertificatesQuery):
    group_by = Choice(GROUP_BY, load_default="region")
    year = QueryInt(validate=Range(min=1900, max=9999),
                    metadata={"description": "the intake year: the year the term starts"})


def _count(description: str) -> Int:
    return Int(metadata={"description": description})


class DualTrainingRowOut(OutputSchema):
    group = Str(metadata={"description": "the region code, college or enterprise BIN, or "
                                         "specialty code the row is for"})
    label = Str(metadata={"description": "the region's or organisation's name"})
    year = _count("the intake year")
    enterprises = _count("distinct enterprises of signed agreements")
    agreements_draft = Int()
    agreements_active = Int()
    agreements_suspended = Int()
    agreements_completed = Int()
    agreements_terminated = Int()
    agreements_cancelled = Int()
    trainees = _count("distinct trainees of signed agreements")
    trainees_in_training = _count("distinct trainees of active or suspended agreements")
    mentors = _count("distinct current mentors of signed agreements")
    trainees_per_mentor = fields.Decimal(places=2, as_string=True, allow_none=True, metadata={
        "type": "string", "pattern": r"^\d+\.\d{2}$", "example": "2.50",
        "description": "mentored trainees per mentor, a decimal string; null without mentors"})
    practice_months = _count("practice in seniority months (of 30 days), plus days")
    practice_days = Int()
    compensation_paid = Money(positive=False)
    mentor_payments_approved = Money(positive=False, allow_none=True, metadata={
        "description": "null when grouped by specialty (a contract spans specialties)"})
    mentor_payments_paid = Money(positive=False, allow_none=True)
    mentor_payments_reversed = Money(positive=False, allow_none=True)
    certificates_due = _count("completed or terminated agreements (closed by today)")
    certificates_issued = _count("of those due, with a certificate")
    certificates_overdue = _count("due, no certificate, closed more than 30 days ago")


class DualTrainingOut(OutputSchema):
    group_by = Choice(GROUP_BY)
    year = Int(allow_none=True)
    region = Region(allow_none=True)
    as_of = Date(metadata={"description": "business today, which due and overdue count to"})
    rows = List(Nested(DualTrainingRowOut))


class CertificateRowOut(OutputSchema):
    region = Region()
    region_name = Str()
    college_bin = Bin()
    college_name = Str()
    due = _count("completed or terminated agreements (closed by today)")
    issued = _count("of those due, with a certificate")
    overdue = _count("due, no certificate, closed more than 30 days ago")


class CertificatesOut(OutputSchema):
    region = Region(allow_none=True)
    as_of = Date()
    rows = List(Nested(CertificateRowOut))


class DeadlinesQuery(CertificatesQuery):
    group_by = Choice(tuple(DEADLINE_GROUPS), load_default="region")
    as_of = Date(metadata={"description": "the business day the deadlines are counted to "
                                          "(YYYY-MM-DD); today in Asia/Almaty when absent"})


# One count per deadline kind, from the registry: a new kind is a new column here too.
DeadlineRowOut = OutputSchema.from_dict({
    "group": Str(metadata={"description": "the region code or college BIN"}),
    "label": Str(metadata={"description": "the region's or college's name"}),
    **{kind: _count(f"overdue: {KIND_TITLES[kind].lower()}") for kind in KIND_NAMES},
    "total": _count("overdue items of every kind"),
}, name="DeadlineRowOut")


class DeadlinesOut(OutputSchema):
    group_by = Choice(tuple(DEADLINE_GROUPS))
    region = Region(allow_none=True)
    as_of = Date()
    rows = List(Nested(DeadlineRowOut))

"""The agreements list on the wire: its query and its page of items.

An item is a row of the agreements view: the agreement's parties (organisations only),
terms, state and running figures. It names no person: the trainee is not in the view
at all, the current mentor only as a pseudonym (``current_mentor_key``), stable but not
reversible, so a reader can tell that two agreements share a mentor and no more.
"""

from __future__ import annotations

from application.projections.listing import MAX_PER_PAGE, SORTABLE
from domain.agreements.records import AgreementStatus
from interfaces.web.fields import (
    Bin,
    Choice,
    Date,
    DateTime,
    Int,
    List,
    Money,
    Nested,
    OutputSchema,
    QuerySchema,
    Range,
    Region,
    Str,
    Uuid,
)
from interfaces.web.freshness import MIN_POSITION_DESCRIPTION, POSITION_EXAMPLE
from interfaces.web.resources.audit.schemas import QueryInt

SORT_CHOICES = [*SORTABLE, *(f"-{column}" for column in SORTABLE)]


class MinPositionQuery(QuerySchema):
    min_position = Str(max_length=1000, metadata={"description": MIN_POSITION_DESCRIPTION,
                                                  "example": POSITION_EXAMPLE})


class AgreementListQuery(MinPositionQuery):
    status = Choice(AgreementStatus)
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()
    specialty_code = Str(max_length=20, metadata={"example": "07150200"})
    year = QueryInt(validate=Range(min=1900, max=9999),
                    metadata={"description": "the intake year: the year the term starts"})
    page = QueryInt(load_default=1, validate=Range(min=1, max=1_000_000))
    per_page = QueryInt(load_default=20, validate=Range(min=1, max=MAX_PER_PAGE))
    sort = Choice(SORT_CHOICES, metadata={
        "description": "a column, '-' first for descending; newest change first by default"})


class AgreementListItemOut(OutputSchema):
    agreement_id = Uuid()
    href = Str(metadata={"description": "where to read the whole agreement"})
    number = Str()
    status = Choice(AgreementStatus)
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()
    specialty_code = Str()
    qualification = Str()
    start_date = Date()
    end_date = Date()
    year = Int(metadata={"description": "the intake year: the year the term starts"})
    planned_practice_months = Int()
    current_mentor_key = Str(allow_none=True, metadata={
        "description": "the current mentor as a pseudonym (no personal data)"})
    activated_on = Date(allow_none=True)
    closed_on = Date(allow_none=True, metadata={"description": "completed or terminated on"})
    practice_months = Int(metadata={"description": "practice recorded so far, seniority "
                                                   "months (of 30 days) and days"})
    practice_days = Int()
    compensation_total = Money(positive=False)
    version = Int(metadata={"description": "the agreement's version the row reflects"})
    registered_at = DateTime()
    updated_at = DateTime()


class AgreementPageOut(OutputSchema):
    items = List(Nested(AgreementListItemOut))
    page = Int()
    per_page = Int()
    total = Int(metadata={"description": "items on every page together"})
    pages = Int()


__all__ = ["AgreementListItemOut", "AgreementListQuery", "AgreementPageOut", "MinPositionQuery"]

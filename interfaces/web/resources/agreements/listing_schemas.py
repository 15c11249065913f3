"""The agreements list on the wire: its query and its page of items.

An item is a row of the agreements view: the agreement's parties (organisations only),
terms, state and running figures. It names no person: the trainee is not in the view
at all, the current mentor only as a pseudonym (``current_mentor_key``), stable but not
reversible, so a reader can tell that two agreements share a mentor and no more.
"""

from __future__ import annotations

from application.projections.listing import MAX_PER_PAGE, SORTABLE
from application.projections.paging import DEFAULT_LIMIT, MAX_LIMIT
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

DEPRECATED_PAGING = ("Deprecated (kept for one version): use limit and cursor. With page or "
                     "per_page the answer also says page, per_page, total and pages, and "
                     "carries X-Total-Count, first/prev/next/last links and Deprecation.")
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
    limit = QueryInt(load_default=DEFAULT_LIMIT, validate=Range(min=1, max=MAX_LIMIT),
                     metadata={"description": f"items per page, 1-{MAX_LIMIT}"})
    cursor = Str(max_length=200, metadata={
        "description": "the next_cursor of the page before, passed back as it was",
        "example": "bzoy"})
    page = QueryInt(validate=Range(min=1, max=1_000_000), metadata={
        "deprecated": True, "description": DEPRECATED_PAGING + " The page number (from 1)."})
    per_page = QueryInt(validate=Range(min=1, max=MAX_PER_PAGE), metadata={
        "deprecated": True, "description": DEPRECATED_PAGING + " Items per page (default 20)."})
    sort = Choice(SORT_CHOICES, metadata={
        "description": "a column, '-' first for descending; by default the order of "
                       "registration (with page/per_page: newest change first)"})


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
    next_cursor = Str(allow_none=True, metadata={
        "description": "pass as ?cursor= for the next page; null on the last page"})
    page = Int(metadata={"deprecated": True, "description": "with page/per_page only"})
    per_page = Int(metadata={"deprecated": True, "description": "with page/per_page only"})
    total = Int(metadata={"deprecated": True, "description": "with page/per_page only: "
                                                             "items on every page together"})
    pages = Int(metadata={"deprecated": True, "description": "with page/per_page only"})


__all__ = ["AgreementListItemOut", "AgreementListQuery", "AgreementPageOut", "MinPositionQuery"]

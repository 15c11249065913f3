"""The worklist on the wire: items that name their subject by id, never a person."""

from __future__ import annotations

from application.projections.deadlines import KIND_NAMES, SUBJECT_TYPES
from interfaces.web.fields import Bool, Choice, Date, List, Nested, OutputSchema, Str
from interfaces.web.resources.agreements.listing_schemas import MinPositionQuery

AS_OF = {"description": "the business day the deadlines are counted to (YYYY-MM-DD); "
                        "today in Asia/Almaty when absent"}


class AsOfQuery(MinPositionQuery):
    as_of = Date(metadata=AS_OF)


class SubjectOut(OutputSchema):
    type = Choice(SUBJECT_TYPES)
    id = Str()


class WorkItemOut(OutputSchema):
    kind = Choice(KIND_NAMES)
    due_on = Date(metadata={"description": "the last day to act; overdue from the next"})
    overdue = Bool()
    subject = Nested(SubjectOut)
    detail = Str(metadata={"description": "what is due, in one sentence"})


class WorklistOut(OutputSchema):
    as_of = Date()
    items = List(Nested(WorkItemOut))

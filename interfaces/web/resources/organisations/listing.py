"""``GET /api/v1/organisations`` and ``GET /api/v1/enterprises/{bin}/mentors``: the lists.

Organisations (admin, auditor, monitors; a regional monitor its region's): public
registry data from the organisations view, by BIN. An enterprise's mentors (that
enterprise, admin, auditor; another enterprise 404): the view gives the page, in the
order they were registered, and each mentor's own fields come from the record (the
views hold no IIN and no name).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for
from flask.views import MethodView

from application.projections.lists import mentors_for, organisations_for
from domain.participants.aggregates import Mentor, OrganisationKind
from domain.shared.identifiers import BIN
from interfaces.web.auth import principal
from interfaces.web.fields import Bin, Choice, OutputSchema, Region, Str
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.paging import NEXT_LINK_HEADERS, CursorQuery, cursor_answer, page_out
from interfaces.web.resources.organisations.schemas import MentorIn, MentorOut
from interfaces.web.resources.organisations.views import blp, register_mentor
from interfaces.web.runtime import system

document_freshness(blp)


class OrganisationListQuery(CursorQuery):
    kind = Choice(OrganisationKind)
    region = Region()


class OrganisationItemOut(OutputSchema):
    bin = Bin()
    href = Str(metadata={"description": "where to read the organisation"})
    name = Str()
    kind = Choice(OrganisationKind)
    region = Region()
    size = Str(allow_none=True, metadata={"description": "enterprises only"})
    oked = Str(allow_none=True)
    league = Str(allow_none=True, metadata={"description": "colleges only"})


class MentorItemOut(MentorOut):
    href = Str(metadata={"description": "where to read the mentor"})


_MENTOR_FIELDS = tuple(MentorOut().fields)
OrganisationPageOut = page_out("OrganisationPageOut", OrganisationItemOut)
MentorPageOut = page_out("MentorPageOut", MentorItemOut)


@blp.route("/organisations", methods=["GET"])
@blp.arguments(OrganisationListQuery, location="query", as_kwargs=True)
@blp.response(200, OrganisationPageOut, headers=NEXT_LINK_HEADERS)
@reads_views
def list_organisations(limit: int, cursor: str | None = None,
                       min_position: str | None = None, **filters: Any) -> Any:
    """Registered colleges and enterprises by BIN, filtered by kind and region (admin,
    auditor, monitors: a regional monitor its region's)"""
    caller = principal()
    views, headers = current_views(min_position)
    found = organisations_for(views, caller, filters, limit=limit, cursor=cursor)
    items = [{**row, "href": url_for("organisations.organisation", bin=row["bin"])}
             for row in found.items]
    return cursor_answer(found, items, "organisations.list_organisations", headers=headers)


@blp.route("/enterprises/<bin:bin>/mentors", endpoint="mentors")
class Mentors(MethodView):
    @blp.arguments(MentorIn)
    @blp.response(201, MentorOut)
    @blp.alt_response(404, response="NOT_FOUND")
    def post(self, body: dict[str, Any], bin: str) -> Any:  # noqa: A002
        """Register a mentor at the enterprise (that enterprise, or admin)"""
        return register_mentor(body, bin)

    @blp.arguments(CursorQuery, location="query", as_kwargs=True)
    @blp.response(200, MentorPageOut, headers=NEXT_LINK_HEADERS)
    @blp.alt_response(404, response="NOT_FOUND")
    @reads_views
    def get(self, bin: str, limit: int, cursor: str | None = None,  # noqa: A002
            min_position: str | None = None) -> Any:
        """The enterprise's mentors, oldest first (that enterprise, admin, auditor)"""
        return list_mentors(bin, limit, cursor, min_position)


def list_mentors(bin: str, limit: int, cursor: str | None,  # noqa: A002
                 min_position: str | None) -> Any:
    caller = principal()
    enterprise = BIN.parse(bin).value
    views, headers = current_views(min_position)
    found = mentors_for(views, caller, enterprise, limit=limit, cursor=cursor)
    participants = system().participants
    mentors = [participants.load(UUID(row["mentor_id"]), Mentor, f"mentor {row['mentor_id']}")
               for row in found.items]
    items = [{**{name: getattr(mentor, name, None) for name in _MENTOR_FIELDS},
              "href": url_for("organisations.mentor", bin=enterprise, iin=mentor.iin.value)}
             for mentor in mentors]
    return cursor_answer(found, items, "organisations.mentors", headers=headers,
                         bin=enterprise)

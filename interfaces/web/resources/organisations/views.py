"""Organisations (colleges, enterprises) and the mentors enterprises register."""

from __future__ import annotations

from typing import Any

from flask import url_for

from application.participants.commands import RegisterMentor, RegisterOrganisation
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, IIN
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.etags import tagged
from interfaces.web.resources.organisations.schemas import (
    MentorOut,
    OrganisationIn,
    OrganisationOut,
)
from interfaces.web.runtime import system

blp = ApiBlueprint("organisations", __name__, url_prefix="/api/v1",
                   description="Colleges, enterprises and enterprises' mentors.")


@blp.route("/organisations", methods=["POST"])
@blp.arguments(OrganisationIn)
@blp.response(201, OrganisationOut)
def register_organisation(body: dict[str, Any]) -> Any:
    """Register a college or an enterprise (admin)"""
    recorded = system().participants.register_organisation(principal(),
                                                          RegisterOrganisation(**body))
    location = url_for(".organisation", bin=recorded.aggregate.bin.value)
    return recorded.aggregate, tagged(recorded, location=location)


@blp.route("/organisations/<bin:bin>")
@blp.response(200, OrganisationOut)
@blp.alt_response(404, response="NOT_FOUND")
def organisation(bin: str) -> Any:  # noqa: A002 - the contract's name
    """An organisation: public registry data, for any caller"""
    found = system().participants.organisation(BIN.parse(bin))
    return found, tagged(found)


# Routed, with the list on the same path, by ``listing.Mentors`` (one rule for both
# methods: a BIN that fails its check is then 404 for either, never 405).
def register_mentor(body: dict[str, Any], bin: str) -> Any:  # noqa: A002
    """Register a mentor at the enterprise (that enterprise, or admin)"""
    command = RegisterMentor(enterprise_bin=BIN.parse(bin), **body)
    recorded = system().participants.register_mentor(principal(), command)
    location = url_for(".mentor", bin=bin, iin=recorded.aggregate.iin.value)
    return recorded.aggregate, tagged(recorded, location=location)


@blp.route("/enterprises/<bin:bin>/mentors/<iin:iin>")
@blp.response(200, MentorOut)
@blp.alt_response(404, response="NOT_FOUND")
def mentor(bin: str, iin: str) -> Any:  # noqa: A002
    """A mentor of the enterprise (that enterprise, admin, auditor)"""
    require_reads_enterprise(principal(), bin, f"mentor {iin} at {bin}")
    found = system().participants.mentor(BIN.parse(bin), IIN.parse(iin))
    return found, tagged(found)


def require_reads_enterprise(caller: Principal, enterprise_bin: str, what: str) -> None:
    # Participants has no principal-checked reader yet; until it does, the check is here.
    caller.require_role(Role.ENTERPRISE, Role.ADMIN, Role.AUDITOR)
    caller.require_visible(caller.role in (Role.ADMIN, Role.AUDITOR)
                           or caller.is_(Role.ENTERPRISE, enterprise_bin),
                           what)

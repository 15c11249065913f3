"""Participants' commands built from the strings tests write, parsed as the CLI does."""

from __future__ import annotations

from application.participants.commands import IssueToken, RegisterMentor, RegisterOrganisation
from domain.participants.access_token import parse_subject
from domain.participants.aggregates import (
    CollegeLeague,
    EnterpriseSize,
    OrganisationKind,
    parse_oked,
)
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, IIN


def organisation(*, bin: str, name: str, kind: str, region: str,  # noqa: A002
                 size: str | None = None, oked: str | None = None,
                 league: str | None = None) -> RegisterOrganisation:
    return RegisterOrganisation(
        bin=BIN.parse(bin), name=name, kind=OrganisationKind(kind), region=region,
        size=EnterpriseSize(size) if size else None, oked=parse_oked(oked) if oked else None,
        league=CollegeLeague(league) if league else None)


def mentor(enterprise_bin: str, *, iin: str, full_name: str = "Serik Nurlanov",
           position: str = "Senior welder", qualification: str = "Welder, grade 6",
           experience_years: int = 15) -> RegisterMentor:
    return RegisterMentor(enterprise_bin=BIN.parse(enterprise_bin), iin=IIN.parse(iin),
                          full_name=full_name, position=position,
                          qualification=qualification, experience_years=experience_years)


def token_for(role: str, subject: str | None = None, label: str = "") -> IssueToken:
    return IssueToken(Role(role), parse_subject(Role(role), subject), label)

"""Organisations (colleges and enterprises) and enterprises' mentors."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from domain.participants.aggregates import (
    MAX_EXPERIENCE_YEARS,
    MIN_EXPERIENCE_YEARS,
    CollegeLeague,
    EnterpriseSize,
    OrganisationKind,
    parse_oked,
)
from domain.shared.errors import InvalidValueError
from domain.shared.regions import region_name
from interfaces.web.fields import (
    AggregateOut,
    Bin,
    Bool,
    Choice,
    Iin,
    InputSchema,
    Int,
    Range,
    Region,
    Str,
)
from interfaces.web.fields.rules import from_domain


class Oked(Str):
    """An OKED activity code as written (``25.11``), loaded as the digits stored (``2511``)."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        try:
            return parse_oked(super()._deserialize(value, attr, data, **kwargs))
        except InvalidValueError as error:
            raise from_domain(error) from None


class OrganisationIn(InputSchema):
    bin = Bin(required=True)
    name = Str(required=True, max_length=300)
    kind = Choice(OrganisationKind, required=True)
    region = Region(required=True)
    size = Choice(EnterpriseSize, allow_none=True, metadata={"description": "enterprises only"})
    oked = Oked(allow_none=True, max_length=10,
               metadata={"description": "OKED activity code, enterprises", "example": "25.11"})
    league = Choice(CollegeLeague, allow_none=True, metadata={"description": "colleges only"})


class OrganisationOut(AggregateOut):
    bin = Bin()
    name = Str()
    kind = Choice(OrganisationKind)
    region = Region()
    region_name = fields.Function(lambda organisation: region_name(organisation.region),
                                  metadata={"type": "string", "example": "Karaganda"})
    size = Choice(EnterpriseSize, allow_none=True)
    oked = Str(allow_none=True)
    league = Choice(CollegeLeague, allow_none=True)


class MentorIn(InputSchema):
    iin = Iin(required=True)
    full_name = Str(required=True, max_length=300)
    position = Str(required=True, max_length=300)
    qualification = Str(required=True, max_length=300)
    experience_years = Int(required=True, validate=Range(min=MIN_EXPERIENCE_YEARS,
                                                     max=MAX_EXPERIENCE_YEARS))


class MentorOut(AggregateOut):
    enterprise_bin = Bin()
    iin = Iin()
    full_name = Str()
    position = Str()
    qualification = Str()
    experience_years = Int()
    active = Bool()

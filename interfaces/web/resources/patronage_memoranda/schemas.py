"""Patronage memoranda on the wire (API.md "Patronage memoranda").

Inputs refuse what the domain refuses, naming the field and the rule (a blank section is
``sections.<name>``, rule ``length``; a kind listed twice ``commitments.<n>.kind``,
``duplicate``); the rules that need the memorandum's state stay in the domain: 409.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, post_load

from domain.patronage.records import (
    MAX_QUANTITY,
    NUMBER_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    SPECIALTY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Commitment,
    CommitmentKind,
    MemorandumStatus,
    Sections,
    Signatory,
    check_commitments,
)
from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from interfaces.web.fields import (
    AggregateOut,
    Bin,
    Choice,
    Date,
    InputSchema,
    Int,
    List,
    Money,
    Nested,
    OutputSchema,
    PointInTimeQuery,
    Range,
    Region,
    Str,
)
from interfaces.web.fields.rules import from_domain


def _section(description: str) -> Str:
    return Str(required=True, max_length=SECTION_MAX_LENGTH, multiline=True,
               metadata={"description": description})


class SectionsIn(InputSchema):
    subject_and_principles = _section("the subject and principles of the patronage")
    implementation = _section("how it is implemented")
    obligations = _section("the obligations of the parties")
    term = _section("the term, as the memorandum words it")
    responsibility = _section("the parties' responsibility")

    @post_load
    def _sections(self, data: dict[str, Any], **kwargs: Any) -> Sections:
        return Sections.of(**data)


class CommitmentIn(InputSchema):
    kind = Choice(CommitmentKind, required=True)
    target = Int(validate=Range(min=1, max=MAX_QUANTITY), allow_none=True, metadata={
        "description": "the number committed to, where it has one (seats, places, ...)"})

    @post_load
    def _commitment(self, data: dict[str, Any], **kwargs: Any) -> Commitment:
        return Commitment(data["kind"], data.get("target"))


class MemorandumIn(InputSchema):
    """Loads what ``DraftMemorandum`` takes: the two dates become its ``term``."""

    number = Str(required=True, max_length=NUMBER_MAX_LENGTH, metadata={"example": "PM-2026-01"})
    enterprise_bin = Bin(required=True, metadata={"description": "a large enterprise"})
    college_bin = Bin(required=True)
    valid_from = Date(required=True)
    valid_to = Date(required=True)
    sections = Nested(SectionsIn, required=True)
    commitments = List(Nested(CommitmentIn), required=True)

    @post_load
    def _command(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        start, end = data.pop("valid_from"), data.pop("valid_to")
        try:
            term = DatePeriod(start, end)
        except InvalidValueError as error:
            raise ValidationError(from_domain(error).messages, field_name="valid_to") from None
        try:
            commitments = check_commitments(data["commitments"])
        except InvalidValueError as error:
            raise ValidationError(from_domain(error).messages,
                                  field_name=error.field) from None
        return {**data, "term": term, "commitments": commitments}


class SignatureIn(InputSchema):
    party = Choice(Signatory, required=True, metadata={"description": "the party you are"})


class FulfilmentIn(InputSchema):
    kind = Choice(CommitmentKind, required=True, metadata={
        "description": "one of the memorandum's commitments"})
    quantity = Int(required=True, validate=Range(min=1, max=MAX_QUANTITY))
    date = Date(required=True)
    evidence = Str(required=True, max_length=TEXT_MAX_LENGTH, multiline=True, metadata={
        "description": "the document that shows it (an order, an act, minutes)"})


class MaterialAidIn(InputSchema):
    amount = Money(required=True)
    date = Date(required=True)
    description = Str(required=True, max_length=TEXT_MAX_LENGTH, multiline=True)


class ProgrammeIn(InputSchema):
    title = Str(required=True, max_length=TEXT_MAX_LENGTH)
    specialty_code = Str(required=True, max_length=SPECIALTY_MAX_LENGTH,
                         metadata={"example": "07150200"})
    date = Date(required=True)


class MemorandumTerminationIn(InputSchema):
    date = Date(required=True, metadata={"description": "its last day in force"})
    reason = Str(required=True, max_length=TEXT_MAX_LENGTH, multiline=True)


class MemorandumAtQuery(PointInTimeQuery):
    """A memorandum as it was: at a version, or at a moment."""


class SectionsOut(OutputSchema):
    subject_and_principles = Str()
    implementation = Str()
    obligations = Str()
    term = Str()
    responsibility = Str()


class CommitmentOut(OutputSchema):
    kind = Choice(CommitmentKind)
    target = Int(allow_none=True)


class SignatureOut(OutputSchema):
    party = Choice(Signatory)
    signed_on = Date()


class FulfilmentOut(OutputSchema):
    kind = Choice(CommitmentKind)
    quantity = Int()
    date = Date()
    evidence = Str()


class MaterialAidOut(OutputSchema):
    amount = Money()
    date = Date()
    description = Str()


class ProgrammeOut(OutputSchema):
    title = Str()
    specialty_code = Str()
    date = Date()


class MemorandumTerminationOut(OutputSchema):
    date = Date()
    reason = Str()
    party = Choice(Signatory)


class MemorandumOut(AggregateOut):
    number = Str()
    status = Choice(MemorandumStatus, metadata={
        "description": "draft, in_force, terminated; expired when in force past valid_to"})
    enterprise_bin = Bin()
    college_bin = Bin()
    region = Region(metadata={"description": "the college's region"})
    valid_from = Date()
    valid_to = Date()
    in_force_from = Date(allow_none=True, metadata={
        "description": "the later of valid_from and the day of the second signature"})
    sections = Nested(SectionsOut)
    commitments = List(Nested(CommitmentOut))
    signatures = List(Nested(SignatureOut))
    fulfilments = List(Nested(FulfilmentOut))
    material_aid = List(Nested(MaterialAidOut))
    material_aid_total = Money(positive=False)
    programmes = List(Nested(ProgrammeOut))
    termination = Nested(MemorandumTerminationOut, allow_none=True)

"""The enterprise's records on an agreement: the mentor, safety briefings, the Annex
(practice periods) and the trainee's compensation. Each adds an entry: 201 (200 for a
compensation whose payment reference was already recorded: ``Recorded.new`` is False)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.agreements.commands import (
    AssignMentor,
    RecordCompensation,
    RecordPracticePeriod,
    RecordSafetyBriefing,
)
from interfaces.web.auth import principal
from interfaces.web.etags import if_match
from interfaces.web.resources.agreements.blueprint import AGREEMENT, blp, created
from interfaces.web.resources.agreements.schemas_in import (
    CompensationIn,
    MentorAssignmentIn,
    PracticePeriodIn,
    SafetyBriefingIn,
)
from interfaces.web.resources.agreements.schemas_out import AgreementOut
from interfaces.web.runtime import system


@blp.route(AGREEMENT + "/mentor", methods=["POST"])
@blp.arguments(MentorAssignmentIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def assign_mentor(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """Assign the trainee's mentor, or replace the current one from a date (the enterprise)"""
    command = AssignMentor(agreement_id, **body, expected_version=expected_version)
    return created(system().agreements.assign_mentor(principal(), command))


@blp.route(AGREEMENT + "/safety-briefings", methods=["POST"])
@blp.arguments(SafetyBriefingIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def record_safety_briefing(body: dict[str, Any], agreement_id: UUID,
                           expected_version: int | None) -> Any:
    """Record the trainee's labour-protection briefing (the enterprise)"""
    command = RecordSafetyBriefing(agreement_id, **body, expected_version=expected_version)
    return created(system().agreements.record_safety_briefing(principal(), command))


@blp.route(AGREEMENT + "/practice-periods", methods=["POST"])
@blp.arguments(PracticePeriodIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def record_practice_period(body: dict[str, Any], agreement_id: UUID,
                           expected_version: int | None) -> Any:
    """Record practice done at the enterprise, with its actual dates: the Annex (the enterprise)"""
    command = RecordPracticePeriod(agreement_id, **body, expected_version=expected_version)
    return created(system().agreements.record_practice_period(principal(), command))


@blp.route(AGREEMENT + "/compensations", methods=["POST"])
@blp.arguments(CompensationIn)
@blp.response(201, AgreementOut)
@blp.alt_response(200, schema=AgreementOut,
                  description="this payment reference was already recorded: nothing new")
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def record_compensation(body: dict[str, Any], agreement_id: UUID,
                        expected_version: int | None) -> Any:
    """Record compensation paid to the trainee for a month (the enterprise)"""
    command = RecordCompensation(agreement_id, **body, expected_version=expected_version)
    return created(system().agreements.record_compensation(principal(), command))

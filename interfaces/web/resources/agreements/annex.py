"""The enterprise's records on an agreement: the mentor, safety briefings, the Annex
(practice periods) and the trainee's compensation. Each adds an entry: 201."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.base import last_recorded_position
from interfaces.web.auth import principal
from interfaces.web.etags import if_match, tagged
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
    return created(system().agreements.assign_mentor(
        principal(), agreement_id, body["mentor_iin"], body["from_date"],
        expected_version=expected_version))


@blp.route(AGREEMENT + "/safety-briefings", methods=["POST"])
@blp.arguments(SafetyBriefingIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def record_safety_briefing(body: dict[str, Any], agreement_id: UUID,
                           expected_version: int | None) -> Any:
    """Record the trainee's labour-protection briefing (the enterprise)"""
    return created(system().agreements.record_safety_briefing(
        principal(), agreement_id, body["date"], body["instructor"],
        expected_version=expected_version))


@blp.route(AGREEMENT + "/practice-periods", methods=["POST"])
@blp.arguments(PracticePeriodIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def record_practice_period(body: dict[str, Any], agreement_id: UUID,
                           expected_version: int | None) -> Any:
    """Record practice done at the enterprise, with its actual dates: the Annex (the enterprise)"""
    return created(system().agreements.record_practice_period(
        principal(), agreement_id, **body, expected_version=expected_version))


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
    agreement = system().agreements.record_compensation(
        principal(), agreement_id, **body, expected_version=expected_version)
    if last_recorded_position.get() is None:  # the request recorded no event
        return agreement, 200, tagged(agreement)
    return created(agreement)

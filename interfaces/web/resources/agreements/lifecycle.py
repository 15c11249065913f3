"""Suspension and return, termination and its revocation, and completion of an agreement."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.agreements.commands import (
    Complete,
    Resume,
    RevokeTermination,
    Suspend,
    Terminate,
)
from interfaces.web.auth import principal
from interfaces.web.etags import if_match
from interfaces.web.resources.agreements.blueprint import AGREEMENT, blp, changed, created
from interfaces.web.resources.agreements.schemas_in import (
    DateIn,
    ReasonIn,
    SuspensionIn,
    TerminationIn,
)
from interfaces.web.resources.agreements.schemas_out import AgreementOut
from interfaces.web.runtime import system


@blp.route(AGREEMENT + "/suspensions", methods=["POST"])
@blp.arguments(SuspensionIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def suspend(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """Suspend an active agreement (academic leave, illness; college or enterprise)"""
    command = Suspend(agreement_id, **body, expected_version=expected_version)
    return created(system().agreements.suspend(principal(), command))


@blp.route(AGREEMENT + "/resumptions", methods=["POST"])
@blp.arguments(DateIn)
@blp.response(200, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def resume(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """The trainee's return: ends the open suspension (college or enterprise)"""
    command = Resume(agreement_id, **body, expected_version=expected_version)
    return changed(system().agreements.resume(principal(), command))


@blp.route(AGREEMENT + "/termination", methods=["POST"])
@blp.arguments(TerminationIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def terminate(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """Terminate an agreement before its end, with a reason code (college or enterprise)"""
    command = Terminate(agreement_id, **body, expected_version=expected_version)
    return created(system().agreements.terminate(principal(), command))


@blp.route(AGREEMENT + "/termination/revocation", methods=["POST"])
@blp.arguments(ReasonIn)
@blp.response(200, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def revoke_termination(body: dict[str, Any], agreement_id: UUID,
                       expected_version: int | None) -> Any:
    """Revoke a mistaken termination within 30 days (the party that initiated it)"""
    command = RevokeTermination(agreement_id, **body, expected_version=expected_version)
    return changed(system().agreements.revoke_termination(principal(), command))


@blp.route(AGREEMENT + "/completion", methods=["POST"])
@blp.arguments(DateIn)
@blp.response(200, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def complete(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """Complete the agreement on or after its term end; closes the Annex (the college)"""
    command = Complete(agreement_id, **body, expected_version=expected_version)
    return changed(system().agreements.complete(principal(), command))

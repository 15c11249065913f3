"""Reimbursement claims over HTTP (API.md). ``{id}`` is the claim's UUID.

- ``POST /reimbursement-claims`` (the enterprise) -> 201 the claim, ``Location`` it;
- ``GET /reimbursement-claims/{id}`` (``?version=N`` or ``?as_of=``) and ``/history``;
- ``POST /{id}/approval`` and ``/rejection`` (the college) -> 200;
- ``POST /{id}/payments`` (the college) -> 201; 200 when that reference already settled it;
- ``POST /{id}/payments/{payment_reference}/reversal`` (the college) -> 200.
Every answer carries the claim's ``ETag``; every command honours ``If-Match``. The list
(``GET /reimbursement-claims``) is in ``listing``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for

from application.base import Recorded
from application.reimbursement import commands as cmd
from domain.reimbursement.claim import ReimbursementClaim
from domain.shared.audit import Role
from interfaces.web.auth import principal
from interfaces.web.etags import if_match, tagged
from interfaces.web.resources.audit.history import HistoryEntryOut, history_entries
from interfaces.web.resources.reimbursement.blueprint import blp
from interfaces.web.resources.reimbursement.schemas import (
    ClaimAtQuery,
    ClaimIn,
    ClaimOut,
    ClaimPaymentIn,
    ClaimRejectionIn,
    ClaimReversalIn,
)
from interfaces.web.runtime import system

CLAIMS = "/reimbursement-claims"
CLAIM = CLAIMS + "/<uuid:claim_id>"


def claim_url(claim: ReimbursementClaim) -> str:
    return url_for("reimbursement.claim", claim_id=claim.id)


def _changed(result: ReimbursementClaim | Recorded[ReimbursementClaim]) -> Any:
    claim = result.aggregate if isinstance(result, Recorded) else result
    return claim, tagged(result)


@blp.route(CLAIMS, methods=["POST"])
@blp.arguments(ClaimIn)
@blp.response(201, ClaimOut)
@blp.alt_response(404, response="NOT_FOUND", description="no such agreement of yours")
def submit(body: dict[str, Any]) -> Any:
    """Claim a month's dual-training costs of one agreement (the enterprise)"""
    recorded = system().reimbursement.submit_claim(principal(), cmd.SubmitClaim(**body))
    return recorded.aggregate, tagged(recorded, location=claim_url(recorded.aggregate))


@blp.route(CLAIM)
@blp.arguments(ClaimAtQuery, location="query", as_kwargs=True)
@blp.response(200, ClaimOut)
@blp.alt_response(404, response="NOT_FOUND")
def claim(claim_id: UUID, **point_in_time: Any) -> Any:
    """A claim now, or at a version or a moment (its enterprise and college, auditors)"""
    return _changed(system().reimbursement.get(principal(), claim_id, **point_in_time))


@blp.route(CLAIM + "/history")
@blp.response(200, HistoryEntryOut(many=True))
@blp.alt_response(404, response="NOT_FOUND")
def history(claim_id: UUID) -> Any:
    """Every event recorded on the claim, oldest first, with who and when"""
    events = system().reimbursement.history(principal(), claim_id)
    return history_entries(events, reader=Role.AUDITOR)  # a claim names no person


@blp.route(CLAIM + "/approval", methods=["POST"])
@blp.response(200, ClaimOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def approve(claim_id: UUID, expected_version: int | None) -> Any:
    """Approve the payable amount, within the college's remaining budget (the college)"""
    return _changed(system().reimbursement.approve_claim(principal(), cmd.ApproveClaim(
        claim_id, expected_version=expected_version)))


@blp.route(CLAIM + "/rejection", methods=["POST"])
@blp.arguments(ClaimRejectionIn)
@blp.response(200, ClaimOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def reject(body: dict[str, Any], claim_id: UUID, expected_version: int | None) -> Any:
    """Reject a submitted claim with a reason; the month may then be claimed again"""
    return _changed(system().reimbursement.reject_claim(principal(), cmd.RejectClaim(
        claim_id, **body, expected_version=expected_version)))


@blp.route(CLAIM + "/payments", methods=["POST"])
@blp.arguments(ClaimPaymentIn)
@blp.response(201, ClaimOut)
@blp.alt_response(200, schema=ClaimOut,
                  description="this payment reference already settled the claim: nothing new")
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def pay(body: dict[str, Any], claim_id: UUID, expected_version: int | None) -> Any:
    """Record the bank payment that settles an approved claim (the college)"""
    recorded = system().reimbursement.record_payment(principal(), cmd.RecordClaimPayment(
        claim_id, **body, expected_version=expected_version))
    if not recorded.new:
        return recorded.aggregate, 200, tagged(recorded)
    return recorded.aggregate, tagged(recorded, location=claim_url(recorded.aggregate))


@blp.route(CLAIM + "/payments/<path:payment_reference>/reversal", methods=["POST"])
@blp.arguments(ClaimReversalIn)
@blp.response(200, ClaimOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def reverse(body: dict[str, Any], claim_id: UUID, payment_reference: str,
            expected_version: int | None) -> Any:
    """Record that a payment came back, with a reason: the claim is approved and unpaid again"""
    return _changed(system().reimbursement.reverse_payment(principal(), cmd.ReverseClaimPayment(
        claim_id, payment_reference, **body, expected_version=expected_version)))

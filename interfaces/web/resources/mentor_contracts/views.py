"""Mentor service contracts over HTTP (API.md): the college pays the mentor.

Each view is one call to ``application.mentor_payments.service.MentorPayments``. Under
``/api/v1/mentor-contracts``; ``{id}`` is the contract's UUID:
- ``POST /`` (the college) -> 201 the contract, ``Location`` it;
- ``GET /{id}`` (``?version=N`` or ``?as_of=<timestamp>``) and ``GET /{id}/history``;
- ``POST /{id}/acts`` (the mentor, or the college for the mentor) -> 201 the act with its
  contract, ``Location`` ``/{id}/acts/{number}``; ``GET /{id}/acts/{number}``;
- ``POST /{id}/acts/{number}/approval`` and ``.../rejection`` (the college) -> 200: they
  decide an act, they add no entry;
- ``POST /{id}/payments`` (the college) -> 201 the contract, ``Location`` it (payments are
  listed there); 200 when the payment reference was already recorded (nothing new);
- ``POST /{id}/payments/{payment_reference}/reversal`` (the college) -> 200.
Every answer carries the contract's ``ETag``; every command honours ``If-Match``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for

from application.base import Recorded
from application.errors import NotFoundError
from application.mentor_payments import commands as pay
from domain.mentor_payments.contract import MentorServiceContract
from domain.shared.audit import Role
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.etags import if_match, tagged
from interfaces.web.resources.audit.history import HistoryEntryOut, history_entries
from interfaces.web.resources.mentor_contracts.schemas import (
    ActIn,
    ActOut,
    ContractAtQuery,
    ContractIn,
    ContractOut,
    PaymentIn,
    RejectionIn,
    ReversalIn,
    SubmittedActOut,
)
from interfaces.web.runtime import system

blp = ApiBlueprint("mentor_contracts", __name__, url_prefix="/api/v1/mentor-contracts",
                   description="Paid-services contracts between a college and a mentor: "
                               "service acts, their approval, payments and reversals.")

CONTRACT = "/<uuid:contract_id>"
ACT = CONTRACT + "/acts/<int(min=1):number>"
# Only the contract's college and mentor and those who read everything get past the
# application's check (everyone else: 404), and each of them may see the persons named.
_ENTITLED_TO_PERSONAL_DATA = Role.AUDITOR


def _contract_url(contract: MentorServiceContract) -> str:
    return url_for("mentor_contracts.contract", contract_id=contract.id)


def _changed(result: MentorServiceContract | Recorded[MentorServiceContract]) -> Any:
    contract = result.aggregate if isinstance(result, Recorded) else result
    return contract, tagged(result)


@blp.route("", methods=["POST"])
@blp.arguments(ContractIn)
@blp.response(201, ContractOut)
def conclude(body: dict[str, Any]) -> Any:
    """Conclude a paid-services contract with a mentor of an enterprise (the college)"""
    recorded = system().payments.conclude_contract(principal(), pay.ConcludeContract(**body))
    return recorded.aggregate, tagged(recorded, location=_contract_url(recorded.aggregate))


@blp.route(CONTRACT)
@blp.arguments(ContractAtQuery, location="query", as_kwargs=True)
@blp.response(200, ContractOut)
@blp.alt_response(404, response="NOT_FOUND")
def contract(contract_id: UUID, **point_in_time: Any) -> Any:
    """A contract now, or at a version or a moment (its college and mentor, auditor, admin)"""
    return _changed(system().payments.get(principal(), contract_id, **point_in_time))


@blp.route(CONTRACT + "/history")
@blp.response(200, HistoryEntryOut(many=True))
@blp.alt_response(404, response="NOT_FOUND")
def history(contract_id: UUID) -> Any:
    """Every event recorded on the contract, oldest first, with who and when"""
    events = system().payments.history(principal(), contract_id)
    return history_entries(events, reader=_ENTITLED_TO_PERSONAL_DATA)


@blp.route(CONTRACT + "/acts", methods=["POST"])
@blp.arguments(ActIn)
@blp.response(201, SubmittedActOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def submit_act(body: dict[str, Any], contract_id: UUID, expected_version: int | None) -> Any:
    """Submit a month's service act (the mentor, or the college for the mentor)"""
    recorded = system().payments.submit_act(principal(), pay.SubmitAct(
        contract_id, **body, expected_version=expected_version))
    contract = recorded.aggregate
    act = contract.acts[-1]
    location = url_for("mentor_contracts.act", contract_id=contract.id, number=act.number)
    return {**vars(act), "contract": contract}, tagged(recorded, location=location)


@blp.route(ACT)
@blp.response(200, ActOut)
@blp.alt_response(404, response="NOT_FOUND")
def act(contract_id: UUID, number: int) -> Any:
    """One service act of a contract; the ETag is the contract's version"""
    found = system().payments.get(principal(), contract_id)
    submitted = found.find_act(number)
    if submitted is None:
        raise NotFoundError(f"act {number} of contract {found.number} not found")
    return submitted, tagged(found)


@blp.route(ACT + "/approval", methods=["POST"])
@blp.response(200, ContractOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def approve_act(contract_id: UUID, number: int, expected_version: int | None) -> Any:
    """Approve a submitted act: its amount may then be paid (the college)"""
    return _changed(system().payments.approve_act(principal(), pay.ApproveAct(
        contract_id, number, expected_version=expected_version)))


@blp.route(ACT + "/rejection", methods=["POST"])
@blp.arguments(RejectionIn)
@blp.response(200, ContractOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def reject_act(body: dict[str, Any], contract_id: UUID, number: int,
               expected_version: int | None) -> Any:
    """Reject a submitted act with a reason; its agreement-months may be billed again"""
    return _changed(system().payments.reject_act(principal(), pay.RejectAct(
        contract_id, number, **body, expected_version=expected_version)))


@blp.route(CONTRACT + "/payments", methods=["POST"])
@blp.arguments(PaymentIn)
@blp.response(201, ContractOut)
@blp.alt_response(200, schema=ContractOut,
                  description="this payment reference was already recorded: nothing new")
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def record_payment(body: dict[str, Any], contract_id: UUID, expected_version: int | None) -> Any:
    """Record a bank payment to the mentor against approved, unpaid acts (the college)"""
    recorded = system().payments.record_payment(principal(), pay.RecordPayment(
        contract_id, **body, expected_version=expected_version))
    if not recorded.new:  # a repeated reference: nothing recorded
        return recorded.aggregate, 200, tagged(recorded)
    return recorded.aggregate, tagged(recorded, location=_contract_url(recorded.aggregate))


@blp.route(CONTRACT + "/payments/<path:payment_reference>/reversal", methods=["POST"])
@blp.arguments(ReversalIn)
@blp.response(200, ContractOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def reverse_payment(body: dict[str, Any], contract_id: UUID, payment_reference: str,
                    expected_version: int | None) -> Any:
    """Record that a payment came back, with a reason: its amount is open again"""
    return _changed(system().payments.reverse_payment(principal(), pay.ReversePayment(
        contract_id, payment_reference, **body, expected_version=expected_version)))


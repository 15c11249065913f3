"""Dual-training agreements over HTTP (API.md): one view per command, each a thin call
to ``application.agreements.service.Agreements``.

Endpoints (under ``/api/v1``; ``{id}`` is the agreement's UUID), and where they live:
- here: ``POST /agreements`` (201), ``GET /agreements/{id}`` (``?version=N`` or
  ``?as_of=<timestamp>``), ``GET .../history``, ``POST .../terms`` ``{changes}`` (a
  draft's terms; 200, clears the signatures), ``POST .../signatures`` ``{party}`` (201),
  ``POST .../amendments`` ``{changes, reason}`` (201, Location the amendment),
  ``GET .../amendments/{n}``, ``POST .../amendments/{n}/acceptances`` ``{party}`` (201),
  ``POST .../cancellation`` ``{reason}`` (a draft; 200);
- ``annex``: ``.../mentor``, ``.../safety-briefings``, ``.../practice-periods``,
  ``.../compensations``;
- ``lifecycle``: ``.../suspensions``, ``.../resumptions``, ``.../termination``,
  ``.../termination/revocation``, ``.../completion``.

``POST .../terms`` is the draft's counterpart of an amendment: a partial update whose body
names only the changed terms (``{"changes": {"workplace": "..."}}``, as in an amendment).
It is a POST, not a PATCH, so that ``Idempotency-Key`` covers it like every other command.

Status codes and ``Location`` are explained in ``blueprint``. Every command on an
existing agreement honours ``If-Match`` (412 when stale); every POST ``Idempotency-Key``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.agreements.commands import (
    AcceptAmendment,
    Cancel,
    ChangeTerms,
    ProposeAmendment,
    Register,
    Sign,
)
from application.errors import NotFoundError
from domain.agreements.errors import UnknownAmendmentError
from interfaces.web.auth import principal
from interfaces.web.etags import if_match, tagged
from interfaces.web.resources.agreements.blueprint import (
    AGREEMENT,
    amendment_url,
    blp,
    changed,
    created,
)
from interfaces.web.resources.agreements.schemas_in import (
    AgreementAtQuery,
    AgreementIn,
    AmendmentIn,
    PartyIn,
    ReasonIn,
    TermsChangeIn,
)
from interfaces.web.resources.agreements.schemas_out import (
    AgreementOut,
    AgreementWithAmendmentOut,
    AmendmentOut,
)
from interfaces.web.resources.audit.history import HistoryEntryOut, history_entries
from interfaces.web.runtime import system

AMENDMENT = AGREEMENT + "/amendments/<int(min=1):number>"


@blp.route("/agreements", methods=["POST"])
@blp.arguments(AgreementIn)
@blp.response(201, AgreementOut)
def register(body: dict[str, Any]) -> Any:
    """Register a draft agreement (the college or the enterprise that is a party)"""
    return created(system().agreements.register(principal(), Register(**body)))


@blp.route(AGREEMENT)
@blp.arguments(AgreementAtQuery, location="query", as_kwargs=True)
@blp.response(200, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
def agreement(agreement_id: UUID, **point_in_time: Any) -> Any:
    """An agreement now, or as it was at a version or a moment (its parties, auditor, admin)"""
    found = system().agreements.get(principal(), agreement_id, **point_in_time)
    return found, tagged(found)


@blp.route(AGREEMENT + "/history")
@blp.response(200, HistoryEntryOut(many=True))
@blp.alt_response(404, response="NOT_FOUND")
def history(agreement_id: UUID) -> Any:
    """Every event recorded on the agreement, oldest first, with who and when"""
    caller = principal()
    return history_entries(system().agreements.history(caller, agreement_id),
                           reader=caller.role)


@blp.route(AGREEMENT + "/terms", methods=["POST"])
@blp.arguments(TermsChangeIn)
@blp.response(200, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def change_terms(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """Change some terms of a draft (college or enterprise); every signature is cleared"""
    command = ChangeTerms(agreement_id, **body, expected_version=expected_version)
    return changed(system().agreements.change_terms(principal(), command))


@blp.route(AGREEMENT + "/signatures", methods=["POST"])
@blp.arguments(PartyIn)
@blp.response(201, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def sign(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """Sign the current terms as a party; the last signature activates the agreement"""
    command = Sign(agreement_id, **body, expected_version=expected_version)
    return created(system().agreements.sign(principal(), command))


@blp.route(AGREEMENT + "/amendments", methods=["POST"])
@blp.arguments(AmendmentIn)
@blp.response(201, AgreementWithAmendmentOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def propose_amendment(body: dict[str, Any], agreement_id: UUID,
                      expected_version: int | None) -> Any:
    """Propose changed terms for an active agreement (college or enterprise)"""
    command = ProposeAmendment(agreement_id, **body, expected_version=expected_version)
    done = system().agreements.propose_amendment(principal(), command)
    return created(done, amendment_url(done.aggregate, done.aggregate.amendments[-1].number))


@blp.route(AMENDMENT)
@blp.response(200, AmendmentOut)
@blp.alt_response(404, response="NOT_FOUND")
def amendment(agreement_id: UUID, number: int) -> Any:
    """One amendment of an agreement; the ETag is the agreement's version"""
    found = system().agreements.get(principal(), agreement_id)
    for proposed in found.amendments:
        if proposed.number == number:
            return proposed, tagged(found)
    raise NotFoundError(f"agreement {found.number} has no amendment {number}")


@blp.route(AMENDMENT + "/acceptances", methods=["POST"])
@blp.arguments(PartyIn)
@blp.response(201, AgreementWithAmendmentOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def accept_amendment(body: dict[str, Any], agreement_id: UUID, number: int,
                     expected_version: int | None) -> Any:
    """Accept an amendment as a party; the last acceptance makes it take effect"""
    command = AcceptAmendment(agreement_id, number, **body, expected_version=expected_version)
    try:
        done = system().agreements.accept_amendment(principal(), command)
    except UnknownAmendmentError as error:
        # The path names the amendment: one that does not exist is not found, not a conflict.
        raise NotFoundError(error.message) from None
    return created(done, amendment_url(done.aggregate, number))


@blp.route(AGREEMENT + "/cancellation", methods=["POST"])
@blp.arguments(ReasonIn)
@blp.response(200, AgreementOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def cancel(body: dict[str, Any], agreement_id: UUID, expected_version: int | None) -> Any:
    """Cancel a draft that will not be signed (the college)"""
    command = Cancel(agreement_id, **body, expected_version=expected_version)
    return changed(system().agreements.cancel(principal(), command))

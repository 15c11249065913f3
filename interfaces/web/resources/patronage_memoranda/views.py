"""Patronage memoranda over HTTP (API.md "Patronage memoranda").

Each view is one call to ``application.patronage.service.Patronage``. Under
``/api/v1/patronage-memoranda``; ``{id}`` is the memorandum's UUID:
- ``POST /`` (the enterprise) -> 201 the draft, ``Location`` it;
- ``GET /{id}`` (``?version=N`` or ``?as_of=<timestamp>``) and ``GET /{id}/history``;
- ``POST /{id}/signatures`` (the enterprise or the college, each for itself),
  ``.../fulfilments``, ``.../material-aid``, ``.../programmes`` (the enterprise) and
  ``.../termination`` (either party) -> 201: each adds an entry, shown on the memorandum.
Every answer carries the memorandum's ``ETag``; every command honours ``If-Match``.
``status`` is read as of business today: ``expired`` once in force past ``valid_to``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for

from application.base import Recorded
from application.patronage import commands as c
from domain.patronage.memorandum import PatronageMemorandum
from domain.shared.audit import Role
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.etags import if_match, tagged
from interfaces.web.resources.audit.history import HistoryEntryOut, history_entries
from interfaces.web.resources.patronage_memoranda.schemas import (
    FulfilmentIn,
    MaterialAidIn,
    MemorandumAtQuery,
    MemorandumIn,
    MemorandumOut,
    MemorandumTerminationIn,
    ProgrammeIn,
    SignatureIn,
)
from interfaces.web.runtime import system

blp = ApiBlueprint("patronage_memoranda", __name__, url_prefix="/api/v1/patronage-memoranda",
                   description="Patronage memoranda between a large enterprise and a college: "
                               "signatures, what the enterprise delivers, termination.")

MEMORANDUM = "/<uuid:memorandum_id>"
# A memorandum names organisations only; the history shows actors' ids to its readers.
_HISTORY_READER = Role.AUDITOR


def _url(memorandum: PatronageMemorandum) -> str:
    return url_for("patronage_memoranda.memorandum", memorandum_id=memorandum.id)


def present(memorandum: PatronageMemorandum) -> dict[str, Any]:
    """The memorandum as ``MemorandumOut`` dumps it, its status read as of today."""
    today = system().patronage.today()
    return {**vars(memorandum), "id": memorandum.id, "version": memorandum.version,
            "created_on": memorandum.created_on, "modified_on": memorandum.modified_on,
            "status": memorandum.status_on(today), "valid_from": memorandum.valid_from,
            "valid_to": memorandum.valid_to, "material_aid_total": memorandum.material_aid_total,
            "signatures": [{"party": party, "signed_on": day}
                           for party, day in memorandum.signatures.items()]}


def _added(recorded: Recorded[PatronageMemorandum]) -> Any:
    memorandum = recorded.aggregate
    return present(memorandum), tagged(recorded, location=_url(memorandum))


@blp.route("", methods=["POST"])
@blp.arguments(MemorandumIn)
@blp.response(201, MemorandumOut)
def draft(body: dict[str, Any]) -> Any:
    """Draft a patronage memorandum with a college (a large enterprise)"""
    return _added(system().patronage.draft(principal(), c.DraftMemorandum(**body)))


@blp.route(MEMORANDUM)
@blp.arguments(MemorandumAtQuery, location="query", as_kwargs=True)
@blp.response(200, MemorandumOut)
@blp.alt_response(404, response="NOT_FOUND")
def memorandum(memorandum_id: UUID, **point_in_time: Any) -> Any:
    """A memorandum now, or at a version or a moment (its enterprise and college, auditor)"""
    found = system().patronage.get(principal(), memorandum_id, **point_in_time)
    return present(found), tagged(found)


@blp.route(MEMORANDUM + "/history")
@blp.response(200, HistoryEntryOut(many=True))
@blp.alt_response(404, response="NOT_FOUND")
def history(memorandum_id: UUID) -> Any:
    """Every event recorded on the memorandum, oldest first, with who and when"""
    return history_entries(system().patronage.history(principal(), memorandum_id),
                           reader=_HISTORY_READER)


@blp.route(MEMORANDUM + "/signatures", methods=["POST"])
@blp.arguments(SignatureIn)
@blp.response(201, MemorandumOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def sign(body: dict[str, Any], memorandum_id: UUID, expected_version: int | None) -> Any:
    """Sign for your party; with both signatures it is in force"""
    return _added(system().patronage.sign(principal(), c.SignMemorandum(
        memorandum_id, **body, expected_version=expected_version)))


@blp.route(MEMORANDUM + "/fulfilments", methods=["POST"])
@blp.arguments(FulfilmentIn)
@blp.response(201, MemorandumOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def fulfil(body: dict[str, Any], memorandum_id: UUID, expected_version: int | None) -> Any:
    """Record a commitment fulfilled, with its evidence (the enterprise)"""
    return _added(system().patronage.record_fulfilment(principal(), c.RecordFulfilment(
        memorandum_id, **body, expected_version=expected_version)))


@blp.route(MEMORANDUM + "/material-aid", methods=["POST"])
@blp.arguments(MaterialAidIn)
@blp.response(201, MemorandumOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def material_aid(body: dict[str, Any], memorandum_id: UUID,
                 expected_version: int | None) -> Any:
    """Record material aid provided to the college, in KZT (the enterprise)"""
    return _added(system().patronage.record_material_aid(principal(), c.RecordMaterialAid(
        memorandum_id, **body, expected_version=expected_version)))


@blp.route(MEMORANDUM + "/programmes", methods=["POST"])
@blp.arguments(ProgrammeIn)
@blp.response(201, MemorandumOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def programme(body: dict[str, Any], memorandum_id: UUID, expected_version: int | None) -> Any:
    """Record an educational programme developed with the college (the enterprise)"""
    return _added(system().patronage.record_programme(principal(), c.RecordProgramme(
        memorandum_id, **body, expected_version=expected_version)))


@blp.route(MEMORANDUM + "/termination", methods=["POST"])
@blp.arguments(MemorandumTerminationIn)
@blp.response(201, MemorandumOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def terminate(body: dict[str, Any], memorandum_id: UUID, expected_version: int | None) -> Any:
    """Terminate it before its term, with its last day and a reason (either party)"""
    return _added(system().patronage.terminate(principal(), c.TerminateMemorandum(
        memorandum_id, **body, expected_version=expected_version)))

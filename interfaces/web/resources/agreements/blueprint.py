"""The agreements blueprint and how its commands answer.

The routes are spread over ``agreements`` (registration, reading, terms, signatures,
amendments, cancellation), ``agreements_annex`` (the enterprise's records) and
``agreements_lifecycle`` (suspension, termination, completion); ``agreements.blp`` is
the blueprint with all of them.

Answers of a command (see ``agreements``' docstring for the list):
- 201 Created when the request adds an entry to one of the agreement's records (a
  signature, a mentor assignment, a safety briefing, a practice period, a compensation,
  an amendment or an acceptance of one, a suspension, a termination). ``Location`` is
  the agreement, where the new entry is shown; for an amendment and its acceptances,
  the amendment itself (``GET .../amendments/{n}``).
- 200 OK when it changes the agreement's state or terms without adding an entry (new
  draft terms, a resumption, a revocation, a completion, a cancellation), and for a
  compensation whose payment reference was already recorded (nothing new is recorded).
Either way the body is the whole agreement as it now is, with its ``ETag``.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from application.base import Recorded
from domain.agreements.agreement import DualTrainingAgreement
from interfaces.web.api import ApiBlueprint
from interfaces.web.etags import tagged

blp = ApiBlueprint("agreements", __name__, url_prefix="/api/v1",
                   description="Dual-training agreements between a college, an enterprise "
                               "and a trainee, and everything recorded on them.")

AGREEMENT = "/agreements/<uuid:agreement_id>"


def agreement_url(agreement: DualTrainingAgreement) -> str:
    return url_for("agreements.agreement", agreement_id=agreement.id)


def amendment_url(agreement: DualTrainingAgreement, number: int) -> str:
    return url_for("agreements.amendment", agreement_id=agreement.id, number=number)


def created(done: Recorded[DualTrainingAgreement], location: str | None = None) -> Any:
    """The answer of a command that added an entry (with the 201 of ``@blp.response``);
    200 instead when it recorded nothing new (a repeated payment reference)."""
    agreement = done.aggregate
    if not done.new:
        return agreement, 200, tagged(done)
    return agreement, tagged(done, location=location or agreement_url(agreement))


def changed(done: Recorded[DualTrainingAgreement]) -> Any:
    return done.aggregate, tagged(done)

"""Targeted-training orders over HTTP (API.md "Targeted training by enterprise request").

Each view is one call to ``application.targeted_training.service.TargetedTraining``.
Under ``/api/v1/targeted-orders``; ``{id}`` is the order's UUID:
- ``POST /`` (the enterprise) -> 201 the order, ``Location`` it;
- ``GET /{id}`` (``?version=N`` or ``?as_of=<timestamp>``) and ``GET /{id}/history``;
- ``POST /{id}/acceptance`` and ``.../rejection`` (the college) -> 200: they decide it.
The students are in ``students``, the list in ``listing``. Every answer carries the
order's ``ETag``; every command honours ``If-Match``.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for

from application.base import Recorded
from application.targeted_training import commands as t
from domain.shared.audit import Role
from domain.targeted_training.order import TargetedTrainingOrder
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.etags import if_match, tagged
from interfaces.web.resources.audit.history import HistoryEntryOut, history_entries
from interfaces.web.resources.targeted_orders.schemas import (
    AcceptanceIn,
    OrderAtQuery,
    OrderIn,
    OrderOut,
    OrderRejectionIn,
)
from interfaces.web.runtime import system

blp = ApiBlueprint("targeted_orders", __name__, url_prefix="/api/v1/targeted-orders",
                   description="Training by an enterprise's request under the state "
                               "educational order, with an obligation to employ: orders, "
                               "their students and the graduates' employment.")

ORDER = "/<uuid:order_id>"
# Only the order's college and enterprise and those who read everything get past the
# application's check (everyone else: 404 or 403), and each may see the students named.
_ENTITLED_TO_PERSONAL_DATA = Role.AUDITOR


def order_url(order: TargetedTrainingOrder) -> str:
    return url_for("targeted_orders.order", order_id=order.id)


def changed(result: TargetedTrainingOrder | Recorded[TargetedTrainingOrder]) -> Any:
    order = result.aggregate if isinstance(result, Recorded) else result
    return order, tagged(result)


@blp.route("", methods=["POST"])
@blp.arguments(OrderIn)
@blp.response(201, OrderOut)
def submit(body: dict[str, Any]) -> Any:
    """Place a targeted-training order with a college (a medium or large enterprise)"""
    recorded = system().targeted_training.submit_order(principal(), t.SubmitOrder(**body))
    return recorded.aggregate, tagged(recorded, location=order_url(recorded.aggregate))


@blp.route(ORDER)
@blp.arguments(OrderAtQuery, location="query", as_kwargs=True)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
def order(order_id: UUID, **point_in_time: Any) -> Any:
    """An order now, or at a version or a moment (its college and enterprise, auditors)"""
    return changed(system().targeted_training.get(principal(), order_id, **point_in_time))


@blp.route(ORDER + "/history")
@blp.response(200, HistoryEntryOut(many=True))
@blp.alt_response(404, response="NOT_FOUND")
def history(order_id: UUID) -> Any:
    """Every event recorded on the order, oldest first, with who and when"""
    events = system().targeted_training.history(principal(), order_id)
    return history_entries(events, reader=_ENTITLED_TO_PERSONAL_DATA)


@blp.route(ORDER + "/acceptance", methods=["POST"])
@blp.arguments(AcceptanceIn)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def accept(body: dict[str, Any], order_id: UUID, expected_version: int | None) -> Any:
    """Accept a submitted order with the state-order placement's reference (the college)"""
    return changed(system().targeted_training.accept(principal(), t.AcceptOrder(
        order_id, **body, expected_version=expected_version)))


@blp.route(ORDER + "/rejection", methods=["POST"])
@blp.arguments(OrderRejectionIn)
@blp.response(200, OrderOut)
@blp.alt_response(404, response="NOT_FOUND")
@if_match
def reject(body: dict[str, Any], order_id: UUID, expected_version: int | None) -> Any:
    """Reject a submitted order with a reason (the college)"""
    return changed(system().targeted_training.reject(principal(), t.RejectOrder(
        order_id, **body, expected_version=expected_version)))

"""Health, readiness and metrics: for load balancers and Prometheus, so no token."""

from __future__ import annotations

from flask import Response, current_app

from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import public
from interfaces.web.metrics import metrics_of_app
from interfaces.web.problems import ProblemError
from interfaces.web.runtime import runtime
from interfaces.web.schemas.operations import HealthSchema, ReadinessSchema

blp = ApiBlueprint("operations", __name__, description="Health, readiness and metrics.")


def store_positions() -> dict[str, int | None]:
    """Each application's last notification id; None where its store did not answer."""
    try:
        applications = runtime().applications()
    except Exception:
        current_app.logger.exception("could not build the applications")
        return {"dualtrack": None}
    positions: dict[str, int | None] = {}
    for application in applications:
        try:
            positions[application.name] = application.recorder.max_notification_id() or 0
        except Exception:
            current_app.logger.exception("event store of %s unreachable", application.name)
            positions[application.name] = None
    return positions


@blp.route("/healthz")
@public
@blp.response(200, HealthSchema)
def healthz() -> dict[str, str]:
    """The process is up"""
    return {"status": "ok"}


@blp.route("/readyz")
@public
@blp.response(200, ReadinessSchema)
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
def readyz() -> dict[str, object]:
    """Every application's event store answers"""
    positions = store_positions()
    unreachable = sorted(name for name, position in positions.items() if position is None)
    if unreachable:
        raise ProblemError(503, "event store unreachable for: " + ", ".join(unreachable),
                           rule="not_ready", headers={"Retry-After": "5"})
    return {"status": "ready", "positions": positions}


@blp.route("/metrics")
@public
@blp.doc(responses={200: {"description": "Prometheus text exposition format",
                          "content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics() -> Response:
    """Request counts and latency, and each application's position"""
    text = metrics_of_app().render(store_positions())
    return Response(text, mimetype="text/plain", content_type="text/plain; version=0.0.4")

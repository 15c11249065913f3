"""Health, readiness and metrics: for load balancers and Prometheus, so no token."""

from __future__ import annotations

from flask import Response, current_app

from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import public
from interfaces.web.metrics import metrics_of_app
from interfaces.web.problems import ProblemError
from interfaces.web.resources.operations.schemas import HealthSchema, ReadinessSchema
from interfaces.web.runtime import runtime

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
    """Every application's event store answers, and the views are usable

    Reports each source's projection lag (events recorded but not yet in the views).
    Lag alone does not make the service unready: the views catch up (on PostgreSQL,
    when ``dualtrack projections run`` is running). 503 when a store does not answer,
    or when the views were made by another version and need ``projections rebuild``.
    """
    positions = store_positions()
    unreachable = sorted(name for name, position in positions.items() if position is None)
    if unreachable:
        raise ProblemError(503, "event store unreachable for: " + ", ".join(unreachable),
                           rule="not_ready", headers={"Retry-After": "5"})
    views = views_status()
    if views["outdated"]:
        raise ProblemError(503, "the views were made by another version of dualtrack: run "
                                "'dualtrack projections rebuild'", rule="views_outdated",
                           headers={"Retry-After": "60"})
    return {"status": "ready", "positions": positions, **views}


def views_status() -> dict[str, object]:
    """Whether the views are outdated, and each source's position, head and lag."""
    try:
        projections = runtime().projections
        outdated = projections.outdated
        sources = [status.as_dict() for status in projections.status()]
    except Exception:
        current_app.logger.exception("the views could not be read")
        raise ProblemError(503, "the monitoring views could not be read", rule="not_ready",
                           headers={"Retry-After": "5"}) from None
    return {"outdated": outdated, "lag": {s["source"]: s["lag"] for s in sources},
            "views": sources}


@blp.route("/metrics")
@public
@blp.doc(responses={200: {"description": "Prometheus text exposition format",
                          "content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics() -> Response:
    """Request counts and latency, each application's position and the views' lag"""
    text = metrics_of_app().render(store_positions()) + views_lag_metric()
    return Response(text, mimetype="text/plain", content_type="text/plain; version=0.0.4")


def views_lag_metric() -> str:
    """``dualtrack_projection_lag{source=...}``, or nothing when the views cannot be read."""
    try:
        sources = runtime().projections.status()
    except Exception:
        current_app.logger.exception("the views could not be read")
        return ""
    lines = ["# HELP dualtrack_projection_lag Events recorded but not yet in the views.",
             "# TYPE dualtrack_projection_lag gauge"]
    lines += [f'dualtrack_projection_lag{{source="{s.source}"}} {s.lag}' for s in sources]
    return "\n".join(lines) + "\n"

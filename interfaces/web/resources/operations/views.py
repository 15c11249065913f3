"""Health, readiness and metrics: for load balancers and Prometheus, so no token."""

from __future__ import annotations

import concurrent.futures
import time
from typing import Any

from flask import Response, current_app

from infrastructure.settings import Settings
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import public
from interfaces.web.metrics import exposition, gauge
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
    """The service can answer correctly now: 503 with the reasons when it cannot

    503 when an application's event store does not answer, the PostgreSQL schema is older
    than the code (`dualtrack migrate`), the views were made by another version
    (`projections rebuild`), the views lag more than `DUALTRACK_READY_MAX_LAG` events
    or have not advanced for `DUALTRACK_READY_MAX_LAG_SECONDS` while behind, no projector
    has held the lock for that long, or the projector's last batch failed. Answers within
    about 2 s whatever the database does.
    """
    settings = runtime()._require_settings()
    future = _checks.submit(_readiness, current_app._get_current_object(),  # type: ignore[attr-defined]
                            settings)
    try:
        answer, reasons = future.result(timeout=_READY_BUDGET)
    except concurrent.futures.TimeoutError:
        answer, reasons = {}, [("store", "not_ready", f"the checks did not finish within "
                                                 f"{_READY_BUDGET:g} s")]
    if reasons:
        # The first reason names the rule (the most basic: the store, then the schema,
        # then the views, then the projector); every reason is listed under errors.
        raise ProblemError(503, "; ".join(detail for _, _, detail in reasons),
                           rule=reasons[0][1],
                           errors={check: {"rule": rule, "message": detail}
                                   for check, rule, detail in reversed(reasons)},
                           headers={"Retry-After": "5"})
    return {"status": "ready", **answer}


# (what was checked, the rule that failed, a sentence)
Reason = tuple[str, str, str]
_READY_BUDGET = 1.8
# A few threads only: a check stuck on the database holds one until its own timeout.
_checks = concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="readyz")
_no_leader_since: dict[str, float] = {}


def _readiness(app: Any, settings: Settings) -> tuple[dict[str, object], list[Reason]]:
    with app.app_context():
        reasons: list[Reason] = []
        positions = store_positions()
        unreachable = sorted(name for name, position in positions.items() if position is None)
        if unreachable:
            return {"positions": positions}, [
                ("store", "not_ready", "event store unreachable for: " + ", ".join(unreachable))]
        answer: dict[str, object] = {"positions": positions}
        if settings.backend == "postgres":
            reasons += _schema_reasons(settings)
        try:
            views = views_status()
        except ProblemError as error:
            return answer, [*reasons, ("views", "not_ready", error.detail)]
        answer.update(views)
        if views["outdated"]:
            reasons.append(("views", "views_outdated", "the views were made by another version of "
                            "dualtrack: run 'dualtrack projections rebuild'"))
        lag = sum(views["lag"].values())  # type: ignore[attr-defined]
        if lag > settings.ready_max_lag:
            reasons.append(("views", "views_lagging", f"the views lag {lag} events (more than "
                            f"{settings.ready_max_lag})"))
        if settings.backend == "postgres":
            projector, more = _projector_reasons(settings, lag)
            answer["projector"] = projector
            reasons += more
        return answer, reasons


def _schema_reasons(settings: Settings) -> list[Reason]:
    from infrastructure.migrations import SCHEMA_VERSION, schema_version

    found = schema_version(settings)
    if found < SCHEMA_VERSION:
        return [("schema", "schema_outdated", f"the store is at schema version {found}, the code needs "
                 f"{SCHEMA_VERSION}: run `dualtrack migrate`")]
    return []


def _projector_reasons(settings: Settings, lag: int
                       ) -> tuple[dict[str, object], list[Reason]]:
    from infrastructure.views.leader import read_projector_state

    limit = settings.ready_max_lag_seconds
    state = read_projector_state(settings.postgres)
    reasons: list[Reason] = []
    key = settings.describe()
    if state["leader_present"]:
        _no_leader_since.pop(key, None)
    else:
        since = _no_leader_since.setdefault(key, time.monotonic())
        if time.monotonic() - since > limit:
            reasons.append(("projector", "no_projector", f"no projector has held the lock for over "
                            f"{limit:g} s (dualtrack serve runs one per worker, or run "
                            "dualtrack projections run)"))
    if state.get("failures"):
        reasons.append(("projector", "projector_failing", f"the projector's last batch failed "
                        f"({state['failures']} in a row): {state.get('last_error')}"))
    success_age = state.get("success_age")
    if lag and isinstance(success_age, float) and success_age > limit:
        reasons.append(("views", "views_stale", f"the views are behind and have not advanced for "
                        f"{success_age:.0f} s"))
    return state, reasons


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
    """Every worker's request counts and latency, the pool, each application's last
    notification, the views' lag and the projector's state"""
    positions = store_positions()
    scraped = [
        gauge("dualtrack_store_up", "1 if the application's event store answered.",
              "application", {n: float(p is not None) for n, p in positions.items()}),
        gauge("dualtrack_max_notification_id", "Last notification recorded (events "
              "appended).", "application",
              {n: float(p) for n, p in positions.items() if p is not None}),
    ]
    try:
        sources = runtime().projections.status()
        scraped.append(gauge("dualtrack_projection_lag", "Events recorded but not yet in "
                             "the views.", "source", {s.source: float(s.lag) for s in sources}))
    except Exception:
        current_app.logger.exception("the views could not be read")
    settings = runtime()._require_settings()
    if settings.backend == "postgres":
        try:
            from infrastructure.views.leader import read_projector_state

            state = read_projector_state(settings.postgres)
            scraped.append(gauge("dualtrack_projector_leader_present", "1 while a projector "
                                 "holds the lock.", "store",
                                 {"views": float(bool(state["leader_present"]))}))
            if state.get("success_age") is not None:
                scraped.append(gauge("dualtrack_projection_lag_seconds", "Seconds since the "
                                     "projector's last successful batch.", "store",
                                     {"views": float(state["success_age"])}))
        except Exception:
            current_app.logger.exception("the projector's state could not be read")
    return exposition(scraped)

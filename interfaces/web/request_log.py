"""One log line per request: time, level, request id, method, route template, status,
duration and the caller's role. Never the query string, the raw path, a header or a body:
a token or an IIN can be in any of those."""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request

log = logging.getLogger("dualtrack.requests")


def _finished(response: Response) -> Response:
    started = g.get("request_started")  # metrics.start_timer's: one clock per request
    rule = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
    principal = g.get("principal")
    log.info("request", extra={
        "request_id": g.get("correlation_id"), "method": request.method, "route": rule,
        "status": response.status_code,
        "duration_ms": None if started is None else round(
            (time.perf_counter() - started) * 1000, 2),
        "role": None if principal is None else principal.role.value,
    })
    return response


def install(app: Flask) -> None:
    app.after_request(_finished)

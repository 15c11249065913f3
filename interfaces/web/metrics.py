"""Prometheus text for ``/metrics``: requests, their latency, and each store's position.

Counters live in the process: under gunicorn each worker reports its own (the
scrape reaches one of them), which is enough for rates and latency percentiles.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from typing import Any

from flask import Flask, Response, current_app, g, request

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class RequestMetrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter[tuple[str, str, str]] = Counter()
        self.buckets: Counter[tuple[str, float]] = Counter()
        self.latency_sum: dict[str, float] = defaultdict(float)
        self.latency_count: Counter[str] = Counter()

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, str(status))] += 1
            self.latency_sum[route] += seconds
            self.latency_count[route] += 1
            for bound in BUCKETS:
                if seconds <= bound:
                    self.buckets[(route, bound)] += 1

    def render(self, positions: dict[str, int | None]) -> str:
        lines = ["# HELP dualtrack_http_requests_total HTTP requests answered.",
                 "# TYPE dualtrack_http_requests_total counter"]
        with self._lock:
            for (method, route, status), count in sorted(self.requests.items()):
                lines.append(f'dualtrack_http_requests_total{{method="{method}",'
                             f'route="{_escape(route)}",status="{status}"}} {count}')
            lines += ["# HELP dualtrack_http_request_duration_seconds Time to answer.",
                      "# TYPE dualtrack_http_request_duration_seconds histogram"]
            for route in sorted(self.latency_count):
                label = f'route="{_escape(route)}"'
                for bound in BUCKETS:
                    lines.append(f'dualtrack_http_request_duration_seconds_bucket{{{label},'
                                 f'le="{bound}"}} {self.buckets[(route, bound)]}')
                count = self.latency_count[route]
                lines += [
                    f'dualtrack_http_request_duration_seconds_bucket{{{label},le="+Inf"}} {count}',
                    f"dualtrack_http_request_duration_seconds_sum{{{label}}} "
                    f"{self.latency_sum[route]:.6f}",
                    f"dualtrack_http_request_duration_seconds_count{{{label}}} {count}",
                ]
        lines += ["# HELP dualtrack_store_up 1 if the application's event store answered.",
                  "# TYPE dualtrack_store_up gauge"]
        lines += [f'dualtrack_store_up{{application="{name}"}} {int(pos is not None)}'
                  for name, pos in sorted(positions.items())]
        lines += ["# HELP dualtrack_max_notification_id Last notification recorded.",
                  "# TYPE dualtrack_max_notification_id gauge"]
        lines += [f'dualtrack_max_notification_id{{application="{name}"}} {pos}'
                  for name, pos in sorted(positions.items()) if pos is not None]
        return "\n".join(lines) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def start_timer() -> None:
    g.request_started = time.perf_counter()


def observe(response: Response) -> Response:
    started: Any = g.get("request_started")
    if started is not None:
        # The route template, not the path: identifiers must not explode the label set.
        route = request.url_rule.rule if request.url_rule else "unmatched"
        metrics_of_app().observe(request.method, route, response.status_code,
                                 time.perf_counter() - started)
    return response


def metrics_of_app() -> RequestMetrics:
    return current_app.extensions["dualtrack_metrics"]


def install_metrics(app: Flask) -> None:
    app.extensions["dualtrack_metrics"] = RequestMetrics()

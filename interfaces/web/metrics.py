"""``/metrics`` with prometheus-client: one scrape sums every gunicorn worker.

``dualtrack serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` (a fresh directory) before it forks,
so each worker writes its counters and histograms there and whichever worker answers a
scrape reads them all (``MultiProcessCollector``). Without it (tests, the development
server) each app keeps its own registry.

Per request: ``dualtrack_http_requests_total{method,route,status}`` and
``dualtrack_http_request_duration_seconds{route}`` by route template (never the path:
identifiers would explode the label set, and an IIN is personal data), and the pool's
size, connections in use and requests waiting (``dualtrack_db_pool_*``, per worker).
At scrape, read from the database (so the same from any worker): each application's last
notification (``dualtrack_max_notification_id``, the events appended), the views' lag in
events per source, and on PostgreSQL whether a projector leads and how long ago its last
batch succeeded.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from flask import Flask, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


class RequestMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("dualtrack_http_requests", "HTTP requests answered.",
                                ("method", "route", "status"), registry=self.registry)
        self.duration = Histogram("dualtrack_http_request_duration_seconds",
                                  "Time to answer.", ("route",), buckets=BUCKETS,
                                  registry=self.registry)
        self.pool = Gauge("dualtrack_db_pool_connections", "This worker's PostgreSQL pool: "
                          "size, in use and requests waiting.", ("state",),
                          registry=self.registry, multiprocess_mode="liveall")
        self._scraped: list[Collector] = []

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.duration.labels(route).observe(seconds)

    def observe_pool(self, stats: dict[str, int]) -> None:
        self.pool.labels("size").set(stats.get("pool_size", 0))
        self.pool.labels("in_use").set(stats.get("pool_size", 0) - stats.get("pool_available", 0))
        self.pool.labels("waiting").set(stats.get("requests_waiting", 0))

    def render(self, scraped: list[Any]) -> bytes:
        """The exposition: every worker's counters (multiprocess) and ``scraped``, the
        gauges this scrape read from the database."""
        if os.environ.get(MULTIPROCESS_DIR):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        else:
            registry = self.registry
        extra = CollectorRegistry()
        extra.register(_Fixed(scraped))
        return generate_latest(registry) + generate_latest(extra)


class _Fixed(Collector):
    def __init__(self, families: list[Any]) -> None:
        self.families = families

    def collect(self) -> Iterator[Any]:
        return iter(self.families)


def gauge(name: str, documentation: str, label: str,
          values: dict[str, float]) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for key, value in sorted(values.items()):
        family.add_metric([key], value)
    return family


def start_timer() -> None:
    g.request_started = time.perf_counter()


def observe(response: Response) -> Response:
    started: Any = g.get("request_started")
    if started is not None:
        route = request.url_rule.rule if request.url_rule else "unmatched"
        metrics = metrics_of_app()
        metrics.observe(request.method, route, response.status_code,
                        time.perf_counter() - started)
        if (stats := _pool_stats()) is not None:
            metrics.observe_pool(stats)
    return response


def _pool_stats() -> dict[str, int] | None:
    runtime = current_app.extensions.get("dualtrack")
    system = getattr(runtime, "_system", None)
    if system is None or system.settings.backend != "postgres":
        return None
    datastore = getattr(system.participants.factory, "datastore", None)
    pool = getattr(datastore, "pool", None)
    return None if pool is None else dict(pool.get_stats())


def metrics_of_app() -> RequestMetrics:
    return current_app.extensions["dualtrack_metrics"]


def exposition(scraped: list[Any]) -> Response:
    return Response(metrics_of_app().render(scraped), content_type=CONTENT_TYPE_LATEST)


def install_metrics(app: Flask) -> None:
    app.extensions["dualtrack_metrics"] = RequestMetrics()


def mark_worker_dead(pid: int) -> None:
    """gunicorn's ``child_exit``: a dead worker's live gauges leave the sums."""
    if os.environ.get(MULTIPROCESS_DIR):
        multiprocess.mark_process_dead(pid)

"""The HTTP API: ``create_app()`` builds the Flask application.

Every request passes the same hooks, in this order: forget the last write's
position, start the timer, authenticate, check the JSON body, reserve the
``Idempotency-Key``. On the way out (in reverse): send ``X-Position``, store the
answer under the key, echo the correlation id, count the request.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from infrastructure.settings import Settings
from interfaces.web import auth, dashboard, idempotency, json_body, limits, metrics, request_log
from interfaces.web.api import make_api
from interfaces.web.docs import docs_blueprint
from interfaces.web.i18n import install_i18n
from interfaces.web.problems import register_problem_handlers
from interfaces.web.resources import (
    agreements,
    audit,
    imports,
    mentor_contracts,
    monitoring,
    operations,
    organisations,
    patronage_memoranda,
    reimbursement,
    targeted_orders,
    work_experience,
    worklist,
)
from interfaces.web.runtime import Runtime, SystemFactory

BLUEPRINTS = (operations.blp, organisations.blp, agreements.blp, mentor_contracts.blp,
              work_experience.blp, audit.blp, monitoring.blp, reimbursement.blp,
              patronage_memoranda.blp, patronage_memoranda.monitoring_blp, targeted_orders.blp,
              imports.blp, worklist.blp)


def create_app(system: Any = None, *, settings: Settings | None = None,
               system_factory: SystemFactory | None = None,
               keep_views_current: bool | None = None) -> Flask:
    """The API over ``system`` (a ``Dualtrack``), or one bootstrapped from ``settings`` on
    first use in each process (never here: a server may fork after calling this).

    ``keep_views_current``: run the projections' catch-up in this process (by default
    only on SQLite with a system built here; see ``runtime``)."""
    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["dualtrack"] = Runtime(system, settings=settings,
                                          system_factory=system_factory,
                                          keep_views_current=keep_views_current)
    metrics.install_metrics(app)
    json_body.limit_body_size(app)
    register_problem_handlers(app)
    configured = app.extensions["dualtrack"].settings or Settings()
    limits.install_cors(app, configured)
    limits.install_rate_limits(app, configured)  # before authentication: guessing is counted
    _install_hooks(app)
    install_i18n(app, (settings or Settings.from_env()).default_locale)
    api = make_api(app)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.register_blueprint(docs_blueprint())
    app.register_blueprint(dashboard.bp)
    return app


def _install_hooks(app: Flask) -> None:
    request_log.install(app)  # registered first, so it runs last: the final status
    for before in (metrics.start_timer, auth.authenticate,
                   json_body.check_json_body, idempotency.begin):
        app.before_request(before)
    # after_request functions run in the reverse order of registration.
    for after in (metrics.observe, auth.echo_correlation_id, idempotency.finish):
        app.after_request(after)

"""Who keeps the views current: the serving process itself on SQLite (as ``dualtrack serve``
runs it), the ``dualtrack projections run`` worker on PostgreSQL; and the views are
opened once per process, lazily, and stopped and closed with the runtime."""

from __future__ import annotations

import threading
import time

from application.security import Principal
from domain.shared.audit import Role
from infrastructure.settings import Settings
from interfaces.web import create_app
from interfaces.web.runtime import Runtime
from tests.application.participants.builders import organisation
from tests.conftest import POSTGRES_URL

ADMIN = Principal(Role.ADMIN, correlation_id="runtime-test")


def views_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "dualtrack-views" and t.is_alive()]


def test_serving_on_sqlite_keeps_the_views_current_in_the_background_until_closed(tmp_path):
    before = set(views_threads())
    app = create_app(settings=Settings.from_env({"DUALTRACK_DATA_DIR": str(tmp_path)}))
    runtime = app.extensions["dualtrack"]
    runtime.system.participants.register_organisation(ADMIN, organisation(
        bin="220940000007", name="Karaganda Polytechnic", kind="college", region="35"))
    views = runtime.projections
    (started,) = set(views_threads()) - before

    deadline = time.monotonic() + 10
    while views.store.positions().get("participants", 0) < 1 and time.monotonic() < deadline:
        time.sleep(0.05)  # the background thread polls every 0.2 s
    assert views.store.positions()["participants"] >= 1
    assert app.test_client().get("/readyz").json["lag"]["participants"] == 0

    runtime.close()
    assert not started.is_alive()


def test_the_views_are_opened_once_per_process_and_not_before_first_use(system, settings):
    opened = []

    def counting(settings, system):

        opened.append(system.open_projections())
        return opened[-1]

    runtime = Runtime(system, projections_factory=counting)
    assert opened == []
    try:
        assert runtime.projections is runtime.projections and len(opened) == 1
    finally:
        runtime.close()


def test_a_system_passed_in_is_kept_current_only_when_asked(system, settings):
    assert not Runtime(system).keeps_views_current
    assert Runtime(system, keep_views_current=True).keeps_views_current


def test_on_postgresql_each_serving_process_runs_an_elected_projector_unless_told_not_to():
    settings = Settings.from_env({"DATABASE_URL": POSTGRES_URL})
    left_to_the_worker = Settings.from_env({"DATABASE_URL": POSTGRES_URL,
                                            "DUALTRACK_SERVE_PROJECTOR": "no"})

    assert Runtime(settings=settings).keeps_views_current
    assert not Runtime(settings=left_to_the_worker).keeps_views_current

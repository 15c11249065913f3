"""One bounded pool per process on PostgreSQL: every application, the views and the
idempotency records draw on it; a request that cannot get a connection is a quick 503."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import psycopg
import pytest

from application.participants.commands import IssueToken
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.identifiers import compose_bin
from infrastructure.bootstrap import bootstrap
from infrastructure.pool import acquire, release
from interfaces.web import create_app
from tests.application.participants.builders import organisation
from tests.conftest import POSTGRES_URL, TODAY, postgres_settings

pytestmark = pytest.mark.postgres
ADMIN = Principal(Role.ADMIN, correlation_id="pool")


def connections_of(schema: str) -> int:
    """This process's connections to ``schema``'s store, as PostgreSQL counts them."""
    with psycopg.connect(POSTGRES_URL) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name "
                           "LIKE %s", (f"dualtrack-%-{schema}",)).fetchone()
    return int(row[0]) if row else 0


def test_every_application_and_the_views_share_one_pool_of_the_configured_size(
        postgres_schema: str) -> None:
    settings = replace(postgres_settings(postgres_schema), db_pool_size=3)
    with bootstrap(settings) as system:
        system.pin_today(lambda: TODAY)
        datastores = {id(app.factory.datastore) for app in system.applications}  # type: ignore[attr-defined]
        assert len(datastores) == 1
        projections = system.open_projections()
        try:
            def work(n: int) -> None:  # what a request thread does
                system.participants.register_organisation(ADMIN, organisation(
                    bin=compose_bin(2005, 3, serial=100 + n * 10).value, name=f"College {n}",
                    kind="college", region="35"))
                system.participants.issue_token(ADMIN, IssueToken(Role.AUDITOR, None, f"t{n}"))

            def project() -> None:  # the projector: a view connection and a reading one
                for _ in range(5):
                    projections.catch_up()

            threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
            threads.append(threading.Thread(target=project))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert 1 <= connections_of(postgres_schema) <= 3
        finally:
            projections.close()
    assert connections_of(postgres_schema) == 0  # the last user closed the pool


def test_a_request_that_gets_no_connection_is_answered_503_with_retry_after(
        postgres_schema: str) -> None:
    settings = replace(postgres_settings(postgres_schema), db_pool_size=2,
                       db_pool_timeout=0.5)
    with bootstrap(settings) as system:
        token = system.participants.issue_token(ADMIN, IssueToken(Role.AUDITOR, None, "x"))
        app = create_app(system, settings=settings)
        datastore = acquire(settings.app_env("participants"))
        held = [datastore.pool.getconn() for _ in range(2)]  # every connection, elsewhere
        try:
            started = time.monotonic()
            answer = app.test_client().get("/api/v1/agreements",
                                           headers={"Authorization": f"Bearer {token}"})
            waited = time.monotonic() - started
        finally:
            for connection in held:
                datastore.pool.putconn(connection)
            release(datastore)
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "2"
        assert answer.json["rule"] == "store_busy"  # type: ignore[index]
        assert waited < 5  # the pool timeout, not the library's ten retries
        assert system.participants.authenticate(token, "again") is not None  # recovered
        app.extensions["dualtrack"].close()

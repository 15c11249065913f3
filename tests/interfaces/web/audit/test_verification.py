"""GET /api/v1/audit/verification: the event chains recomputed and checked against the last
seal, each break named by aggregate and version (auditors only)."""

import sqlite3
from contextlib import closing

import psycopg

from infrastructure.history.seals import SealStore, make_seal
from infrastructure.views.postgres_store import conninfo
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import problem_of

api = fixtures.api

VERIFICATION = "/api/v1/audit/verification"


def test_only_an_auditor_reads_the_verification(api):
    assert problem_of(api.get(VERIFICATION, who="college")) == (403, "forbidden")
    assert problem_of(api.get(VERIFICATION, who="admin")) == (403, "forbidden")
    assert api.get(VERIFICATION, who=None).status_code == 401


def test_an_untouched_store_verifies_and_a_changed_event_is_named(api, system, settings):
    agreement = api.active()
    seals = SealStore(settings)
    seals.add(make_seal(system.applications))
    seals.close()

    answer = api.get(VERIFICATION, who="auditor")

    assert answer.status_code == 200, answer.json
    assert answer.json["verified"] is True and answer.json["seal"]["applications"] >= 8
    chains = {chain["application"]: chain for chain in answer.json["chains"]}
    assert chains["agreements"]["events"] >= agreement.version
    assert not chains["agreements"]["breaks"]

    if settings.backend == "sqlite":
        path = settings.sqlite_path("agreements")
        with closing(sqlite3.connect(path)) as connection, connection:
            connection.execute("DROP TRIGGER stored_events_no_update")
            connection.execute("UPDATE stored_events SET state = CAST(state || X'20' AS BLOB) "
                               "WHERE originator_id = ? AND originator_version = 2",
                               (agreement.id.hex,))
    else:
        with psycopg.connect(conninfo(settings.postgres), autocommit=True) as connection:
            schema = settings.postgres["POSTGRES_SCHEMA"]
            connection.execute(f'UPDATE "{schema}".agreements_events SET state = state || '
                               "'\\x20'::bytea WHERE originator_id = %s AND "
                               "originator_version = 2", (agreement.id,))

    answer = api.get(VERIFICATION, who="auditor")

    assert answer.json["verified"] is False
    breaks = {chain["application"]: chain["breaks"] for chain in answer.json["chains"]}
    assert {(b["aggregate_id"], b["version"]) for b in breaks["agreements"]} == {
        (str(agreement.id), 2)}
    assert any("does not match its hash" in b["problem"] for b in breaks["agreements"])
    assert not any(breaks[name] for name in breaks if name != "agreements")

"""GET /api/v1/audit/verification on an encrypted store: two events' ciphertexts exchanged
in SQL are named, each by aggregate and version, as records that do not decode."""

from dataclasses import replace

import pytest
from eventsourcing.cipher import AESCipher

from infrastructure.settings import Settings
from tests.interfaces.cli.test_audit_encryption import states
from tests.interfaces.cli.test_projections import run_sql
from tests.interfaces.web.agreements import fixtures

api = fixtures.api

VERIFICATION = "/api/v1/audit/verification"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, cipher_key=AESCipher.create_key(32))


def test_ciphertexts_exchanged_between_versions_are_named_where_they_do_not_decode(
        api, settings):
    agreement = api.active()
    assert api.get(VERIFICATION, who="auditor").json["verified"] is True
    sqlite = settings.backend == "sqlite"
    events, originator = (("stored_events", agreement.id.hex) if sqlite
                          else ("agreements_events", str(agreement.id)))
    if sqlite:
        run_sql(settings, "agreements.sqlite", "DROP TRIGGER stored_events_no_update")
    two, three = states(settings, events, originator, 2, 3)
    set_state = (f"UPDATE {events} SET state = %s WHERE originator_id = %s AND "
                 "originator_version = %s")
    run_sql(settings, "agreements.sqlite", set_state, three, originator, 2)
    run_sql(settings, "agreements.sqlite", set_state, two, originator, 3)

    answer = api.get(VERIFICATION, who="auditor")

    assert answer.status_code == 200 and answer.json["verified"] is False
    [chain] = [c for c in answer.json["chains"] if c["application"] == "agreements"]
    undecoded = {(b["aggregate_id"], b["version"]) for b in chain["breaks"]
                 if "does not belong to this row" in b["problem"]}
    assert undecoded == {(str(agreement.id), 2), (str(agreement.id), 3)}

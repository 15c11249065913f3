from datetime import UTC, datetime, timedelta

import pytest

from domain.participants.aggregates import Organisation
from domain.shared.errors import RuleViolationError
from domain.shared.identifiers import compose_bin
from infrastructure.idempotency.store import ABANDONED_AFTER, Idempotency
from interfaces.web import create_app
from interfaces.web.idempotency import fingerprint
from interfaces.web.runtime import runtime
from tests.interfaces.conftest import bearer, organisation_body

NEW_BIN = compose_bin(2020, 2, serial=808).value
OTHER_BIN = compose_bin(2021, 4, serial=909).value
ORGANISATIONS = "/api/v1/organisations"


def post(client, token, body, key="key-1"):
    return client.post(ORGANISATIONS, json=body, headers=bearer(token, Idempotency_Key=key))


def test_the_same_key_and_body_replay_the_first_answer_and_record_once(client, tokens, system):
    first = post(client, tokens.admin, organisation_body(NEW_BIN))

    again = post(client, tokens.admin, organisation_body(NEW_BIN))

    assert again.status_code == 201 and again.json == first.json
    for header in ("Location", "ETag", "X-Position"):
        assert again.headers[header] == first.headers[header]
    assert again.headers["Idempotent-Replayed"] == "true"
    organisation_id = Organisation.create_id(NEW_BIN)
    assert len(system.participants.events_of(organisation_id)) == 1


def test_without_a_key_a_repeated_create_is_a_409_duplicate(client, tokens):
    client.post(ORGANISATIONS, json=organisation_body(NEW_BIN), headers=bearer(tokens.admin))

    again = client.post(ORGANISATIONS, json=organisation_body(NEW_BIN),
                        headers=bearer(tokens.admin))

    assert again.status_code == 409


def test_json_bodies_compare_by_content_not_by_spacing_or_key_order(client, tokens):
    post(client, tokens.admin, organisation_body(NEW_BIN))
    body = organisation_body(NEW_BIN)
    reordered = "{" + ", ".join(f'"{k}":  "{v}"' for k, v in reversed(body.items())) + "}"

    again = client.post(ORGANISATIONS, data=reordered, content_type="application/json",
                        headers=bearer(tokens.admin, Idempotency_Key="key-1"))

    assert again.headers.get("Idempotent-Replayed") == "true"


def test_the_same_key_with_a_different_body_is_422_idempotency_key_reused(client, tokens):
    post(client, tokens.admin, organisation_body(NEW_BIN))

    answer = post(client, tokens.admin, organisation_body(OTHER_BIN))

    assert answer.status_code == 422
    assert answer.json["rule"] == "idempotency_key_reused"
    assert answer.json["errors"]["Idempotency-Key"]["rule"] == "idempotency_key_reused"


def test_a_failed_request_keeps_nothing_so_its_key_may_be_used_again(client, tokens):
    failed = post(client, tokens.admin, organisation_body("220940000008"))

    fixed = post(client, tokens.admin, organisation_body(NEW_BIN))

    assert failed.status_code == 422
    assert fixed.status_code == 201 and "Idempotent-Replayed" not in fixed.headers


def test_a_duplicate_of_a_request_still_in_progress_is_409(app, client, tokens):
    body = organisation_body(NEW_BIN)
    with app.test_request_context(ORGANISATIONS, method="POST", json=body,
                                  headers=bearer(tokens.admin, Idempotency_Key="key-1")):
        admin = runtime().system.participants.authenticate(tokens.admin, "elsewhere")
        runtime().idempotency.reserve(admin, "key-1", fingerprint=fingerprint(), method="POST",
                                      path=ORGANISATIONS, now=datetime.now(UTC))

    answer = post(client, tokens.admin, body)

    assert answer.status_code == 409
    assert answer.json["rule"] == "idempotency_request_in_progress"


def test_keys_belong_to_their_caller(client, tokens):
    post(client, tokens.admin, organisation_body(NEW_BIN))

    answer = post(client, tokens.other_admin, organisation_body(OTHER_BIN))

    assert answer.status_code == 201 and answer.json["bin"] == OTHER_BIN


def test_another_process_replays_the_stored_answer(client, tokens, settings):
    first = post(client, tokens.admin, organisation_body(NEW_BIN))
    other_process = create_app(settings=settings)  # its own applications, same stores

    try:
        again = post(other_process.test_client(), tokens.admin, organisation_body(NEW_BIN))
    finally:
        other_process.extensions["dualtrack"].close()

    assert again.status_code == 201 and again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"


def test_a_malformed_key_is_400(client, tokens):
    answer = post(client, tokens.admin, organisation_body(NEW_BIN), key="x" * 256)

    assert answer.status_code == 400 and answer.json["rule"] == "idempotency_key_format"


def test_of_two_processes_racing_to_reserve_a_key_one_gets_409(app, tokens, settings):
    admin = runtime_principal(app, tokens.admin)
    first = Idempotency(settings)
    racing = Idempotency(settings)
    try:
        first.reserve(admin, "key-1", fingerprint="f", method="POST", path="/x",
                      now=datetime.now(UTC))
        with pytest.raises(RuleViolationError) as refused:
            racing.reserve(admin, "key-1", fingerprint="f", method="POST", path="/x",
                           now=datetime.now(UTC))
    finally:
        first.close()
        racing.close()

    assert refused.value.rule == "idempotency_request_in_progress"


def runtime_principal(app, token):
    with app.app_context():
        return runtime().system.participants.authenticate(token, "test")


def test_a_reservation_whose_process_died_is_taken_over_after_a_while(app, tokens, settings):
    admin = runtime_principal(app, tokens.admin)
    keys = Idempotency(settings)
    try:
        keys.reserve(admin, "key-1", fingerprint="f", method="POST", path="/x",
                     now=datetime.now(UTC))
        later = datetime.now(UTC) + ABANDONED_AFTER + timedelta(seconds=1)
        with pytest.raises(RuleViolationError):
            keys.reserve(admin, "key-1", fingerprint="f", method="POST", path="/x",
                         now=datetime.now(UTC))
        taken_over = keys.reserve(admin, "key-1", fingerprint="f", method="POST", path="/x",
                                  now=later)
    finally:
        keys.close()

    assert taken_over is None


def test_a_key_is_kept_without_the_answers_body_and_forgotten_after_its_ttl(
        app, client, tokens, settings):
    first = post(client, tokens.admin, organisation_body(NEW_BIN))
    admin = runtime_principal(app, tokens.admin)
    keys = Idempotency(settings, ttl=timedelta(hours=1))
    try:
        with keys.tables.transaction() as run:
            [row] = run(f"SELECT * FROM {keys.table}", ())
        assert first.json["name"] not in repr(row)  # status and headers, never the body
        assert first.headers["Location"] in row and first.headers["ETag"] in row
        within = keys.reserve(admin, "key-1", fingerprint=row[2], method="POST",
                              path=ORGANISATIONS, now=datetime.now(UTC) + timedelta(hours=23))
        after = keys.reserve(admin, "key-1", fingerprint="another request", method="POST",
                             path=ORGANISATIONS, now=datetime.now(UTC) + timedelta(hours=25))
    finally:
        keys.close()

    assert within is not None and within.status == 201  # within the app's 24 h
    assert after is None  # expired: the key is free for a new request


def test_the_ttl_is_a_setting_in_hours_or_seconds():
    from infrastructure.settings import Settings

    assert Settings.from_env({}).idempotency_ttl == timedelta(hours=24)
    assert Settings.from_env({"DUALTRACK_IDEMPOTENCY_TTL": "2h"}).idempotency_ttl == \
        timedelta(hours=2)
    assert Settings.from_env({"DUALTRACK_IDEMPOTENCY_TTL": "90"}).idempotency_ttl == \
        timedelta(seconds=90)
    with pytest.raises(ValueError, match="DUALTRACK_IDEMPOTENCY_TTL"):
        Settings.from_env({"DUALTRACK_IDEMPOTENCY_TTL": "soon"})


def test_a_replayed_answer_without_location_re_reads_the_resource_it_was_made_on(client, system):
    from tests.interfaces.web.agreements.fixtures import Api, url
    from tests.interfaces.web.agreements.test_annex import END, START, pay

    api = Api(client, system)
    from tests.application.agreements.fixtures import register_organisations

    register_organisations(system)
    agreement = api.active(start=START, end=END)
    api.post(url(agreement, "compensations"), pay(), who="enterprise")
    first = api.post(url(agreement, "compensations"), pay(), who="enterprise",
                     Idempotency_Key="pay-again")  # 200: recorded nothing new, no Location

    again = api.post(url(agreement, "compensations"), pay(), who="enterprise",
                     Idempotency_Key="pay-again")

    assert (first.status_code, again.status_code) == (200, 200)
    assert "Location" not in again.headers and again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.json == first.json  # the agreement, read again at that version

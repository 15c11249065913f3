"""CORS from DUALTRACK_CORS_ORIGINS (none by default) and rate limits per token and per IP.

The suite runs with rate limits off (tests/conftest.py); these tests turn them on for
the apps they build. SQLite only: neither depends on the store.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from infrastructure.settings import Settings
from interfaces.web import create_app, limits
from tests.interfaces.conftest import ENTERPRISE_BIN, bearer

ORGANISATION = f"/api/v1/organisations/{ENTERPRISE_BIN}"
ORIGIN = "https://portal.example.kz"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env({"DUALTRACK_DATA_DIR": str(tmp_path / "data")})


@pytest.fixture
def limited(monkeypatch) -> None:
    monkeypatch.setattr(limits, "RATE_LIMITS_ENABLED", True)


def client_with(system, settings: Settings, **changes: object):
    return create_app(system, settings=replace(settings, **changes)).test_client()


def test_the_settings_read_origins_and_the_rate_from_the_environment():
    settings = Settings.from_env({"DUALTRACK_CORS_ORIGINS": f"{ORIGIN}, https://b.kz",
                                  "DUALTRACK_RATE_LIMIT": "10/second"})

    assert settings.cors_origins == (ORIGIN, "https://b.kz")
    assert settings.rate_limit == "10/second"
    assert Settings.from_env({}).cors_origins == () and Settings.from_env({}).rate_limit == \
        "600/minute"


# CORS ---------------------------------------------------------------------------------

def test_without_configured_origins_no_cors_header_is_sent(system, settings, tokens):
    client = client_with(system, settings)

    answer = client.get(ORGANISATION, headers=bearer(tokens.admin, Origin=ORIGIN))

    assert answer.status_code == 200 and "Access-Control-Allow-Origin" not in answer.headers


def test_a_configured_origin_may_read_and_sees_the_headers_it_needs(system, settings, tokens):
    client = client_with(system, settings, cors_origins=(ORIGIN,))

    answer = client.get(ORGANISATION, headers=bearer(tokens.admin, Origin=ORIGIN))

    assert answer.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "ETag" in answer.headers["Access-Control-Expose-Headers"]


def test_a_preflight_from_a_configured_origin_is_answered_without_a_token(system, settings):
    client = client_with(system, settings, cors_origins=(ORIGIN,))

    answer = client.options("/api/v1/organisations", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Authorization, Idempotency-Key, Content-Type"})

    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == ORIGIN
    allowed = answer.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "idempotency-key" in allowed


def test_another_origin_gets_no_cors_header(system, settings, tokens):
    client = client_with(system, settings, cors_origins=(ORIGIN,))

    answer = client.get(ORGANISATION, headers=bearer(tokens.admin, Origin="https://evil.kz"))

    assert "Access-Control-Allow-Origin" not in answer.headers


# Rate limits --------------------------------------------------------------------------

def test_past_the_limit_a_token_gets_429_problem_json_with_retry_after(system, settings, tokens,
                                                                       limited):
    client = client_with(system, settings, rate_limit="3/minute")

    answers = [client.get(ORGANISATION, headers=bearer(tokens.admin)) for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.mimetype == "application/problem+json"
    assert refused.json["rule"] == "rate_limit" and refused.json["status"] == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60


def test_the_limit_counts_each_token_apart(system, settings, tokens, limited):
    client = client_with(system, settings, rate_limit="2/minute")
    for _ in range(2):
        client.get(ORGANISATION, headers=bearer(tokens.admin),
                   environ_base={"REMOTE_ADDR": "10.0.0.1"})

    refused = client.get(ORGANISATION, headers=bearer(tokens.admin),
                         environ_base={"REMOTE_ADDR": "10.0.0.2"})
    other = client.get(ORGANISATION, headers=bearer(tokens.auditor),
                       environ_base={"REMOTE_ADDR": "10.0.0.3"})

    assert refused.status_code == 429 and other.status_code == 200


def test_the_limit_counts_each_address_whatever_the_token(system, settings, tokens, limited):
    client = client_with(system, settings, rate_limit="2/minute")
    address = {"REMOTE_ADDR": "10.0.0.9"}
    client.get(ORGANISATION, headers=bearer(tokens.admin), environ_base=address)
    client.get(ORGANISATION, headers=bearer(tokens.auditor), environ_base=address)

    refused = client.get(ORGANISATION, headers=bearer(tokens.college), environ_base=address)
    elsewhere = client.get(ORGANISATION, headers=bearer(tokens.college),
                           environ_base={"REMOTE_ADDR": "10.0.0.10"})

    assert refused.status_code == 429 and elsewhere.status_code == 200


def test_guessing_tokens_is_limited_per_address_too(system, settings, limited):
    client = client_with(system, settings, rate_limit="2/minute")

    statuses = [client.get(ORGANISATION, headers=bearer(f"guess-{n}")).status_code
                for n in range(3)]

    assert statuses == [401, 401, 429]


def test_probes_are_never_limited_and_off_means_no_limit(system, settings, tokens, limited):
    client = client_with(system, settings, rate_limit="1/minute")
    assert {client.get("/healthz").status_code for _ in range(3)} == {200}

    unlimited = client_with(system, settings, rate_limit="off")
    assert {unlimited.get(ORGANISATION, headers=bearer(tokens.admin)).status_code
            for _ in range(5)} == {200}


def test_the_suite_runs_without_limits_unless_a_test_asks(system, settings, tokens):
    client = client_with(system, settings, rate_limit="1/minute")

    assert {client.get(ORGANISATION, headers=bearer(tokens.admin)).status_code
            for _ in range(3)} == {200}


def test_a_rate_that_is_not_one_fails_at_start(system, settings, limited):
    with pytest.raises(ValueError):
        create_app(system, settings=replace(settings, rate_limit="many per day"))

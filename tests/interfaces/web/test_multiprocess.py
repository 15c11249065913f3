"""Two gunicorn worker processes on one PostgreSQL store, driven over real HTTP.

What one process cannot show: idempotency keys and optimistic concurrency hold across
processes, because both live in the shared event store, not in a worker's memory.
Every request goes on a fresh connection so that both workers take some; the access
log (which names the answering worker) proves they did.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from threading import Barrier
from typing import Any, TypeVar

import pytest

from application.security import Principal
from domain.shared.audit import Role
from domain.shared.calendar import Month, business_today
from domain.shared.identifiers import compose_bin, compose_iin
from infrastructure.bootstrap import bootstrap
from infrastructure.migrations import migrate
from tests.application.participants.builders import organisation, token_for
from tests.conftest import POSTGRES_URL, postgres_settings
from tests.interfaces.web.serving import Answer, Server, gunicorn_server

pytestmark = pytest.mark.postgres

T = TypeVar("T")
ADMIN = Principal(Role.ADMIN, correlation_id="multiprocess-setup")
COLLEGE_BIN = compose_bin(2010, 9, serial=101).value
ENTERPRISE_BIN = compose_bin(2012, 3, serial=202).value
TRAINEE_IIN = compose_iin(date(2001, 4, 9), male=True, serial=303).value
RETRY_SECONDS = 20.0
CONTENDERS = 12
MAX_ROUNDS = 10


@dataclass
class Tokens:
    admin: str
    college: str
    enterprise: str


@pytest.fixture
def tokens(postgres_schema: str) -> Tokens:
    migrate(postgres_settings(postgres_schema))  # as a deployment does before serving
    with bootstrap(postgres_settings(postgres_schema)) as system:
        participants = system.participants
        participants.register_organisation(ADMIN, organisation(
            bin=COLLEGE_BIN, name="Temirtau College", kind="college", region="35"))
        participants.register_organisation(ADMIN, organisation(
            bin=ENTERPRISE_BIN, name="Qarmet", kind="enterprise", region="35", size="large"))

        def issue(*key: str) -> str:
            return participants.issue_token(ADMIN, token_for(*key))

        return Tokens(admin=issue("admin"), college=issue("college", COLLEGE_BIN),
                      enterprise=issue("enterprise", ENTERPRISE_BIN))


@pytest.fixture
def server(postgres_schema: str, tokens: Tokens) -> Iterator[Server]:
    env = {"DATABASE_URL": POSTGRES_URL, "POSTGRES_SCHEMA": postgres_schema,
           "DUALTRACK_DB_POOL_SIZE": "4"}
    with gunicorn_server(env, workers=2, threads=4) as running:
        yield running


def all_at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Run the calls in threads released together, so that they really race."""
    start = Barrier(len(calls), timeout=10)

    def released(call: Callable[[], T]) -> T:
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(released, call) for call in calls]
        return [future.result(timeout=60) for future in futures]


def until_answered(send: Callable[[], Answer], *retry_rules: str) -> Answer:
    """Send until the answer is not a 409 with one of ``retry_rules`` (what a client does)."""
    deadline = time.monotonic() + RETRY_SECONDS
    while True:
        answer = send()
        retry = answer.status == 409 and (answer.json or {}).get("rule") in retry_rules
        if not retry or time.monotonic() > deadline:
            return answer
        time.sleep(0.02)


def agreement_body(number: str) -> dict[str, Any]:
    today = business_today()
    start = Month(today.year, today.month).period.start - timedelta(days=62)
    return {"number": number, "college_bin": COLLEGE_BIN, "enterprise_bin": ENTERPRISE_BIN,
            "trainee": {"iin": TRAINEE_IIN, "full_name": "Yerlan Serikovich Abenov"},
            "specialty_code": "07150200", "qualification": "Electric and gas welder",
            "start_date": start.isoformat(), "end_date": (start + timedelta(days=700)).isoformat(),
            "planned_practice_months": 12, "workplace": "Rolling mill No. 2"}


def register_draft(server: Server, tokens: Tokens, number: str) -> dict[str, Any]:
    answer = server.call("POST", "/api/v1/agreements", token=tokens.college,
                         body=agreement_body(number))
    assert answer.status == 201, answer.text
    return answer.json


def history(server: Server, tokens: Tokens, agreement_id: str) -> list[dict[str, Any]]:
    answer = server.call("GET", f"/api/v1/agreements/{agreement_id}/history",
                         token=tokens.college)
    assert answer.status == 200, answer.text
    return answer.json


def test_one_post_sent_many_times_at_once_with_one_key_is_recorded_once(server, tokens):
    body = agreement_body("DT-IDEMPOTENT-1")

    def post() -> Answer:
        return server.call("POST", "/api/v1/agreements", token=tokens.college, body=body,
                           headers={"Idempotency-Key": "register-dt-idempotent-1"})

    # The first round races for the key; later ones replay it, until both workers have
    # answered (one worker may well accept a whole burst of connections).
    answers: list[Answer] = []
    for _ in range(MAX_ROUNDS):
        answers += all_at_once([lambda: until_answered(post, "idempotency_request_in_progress")
                                for _ in range(CONTENDERS)])
        if len(server.worker_pids("POST /api/v1/agreements")) == 2:
            break

    assert len(server.worker_pids("POST /api/v1/agreements")) == 2, server.log()[-2000:]
    assert {a.status for a in answers} == {201}, [a.text for a in answers]
    assert len({(a.text, a.header("Location"), a.header("ETag")) for a in answers}) == 1
    assert [a.header("Idempotent-Replayed") for a in answers].count(None) == 1
    recorded = history(server, tokens, answers[0].json["id"])
    assert [entry["type"] for entry in recorded] == ["Registered"]


def test_signatures_racing_on_one_version_let_exactly_one_through(server, tokens):
    draft = register_draft(server, tokens, "DT-RACE-1")
    path = f"/api/v1/agreements/{draft['id']}/signatures"
    version = f'"{draft["version"]}"'
    signers = [(tokens.college, "college"), (tokens.college, "trainee"),
               (tokens.enterprise, "enterprise")] * 4

    answers = all_at_once([
        lambda token=token, party=party: server.call(
            "POST", path, token=token, body={"party": party}, headers={"If-Match": version})
        for token, party in signers])

    statuses = [a.status for a in answers]
    assert statuses.count(201) == 1, [a.text for a in answers]
    assert set(statuses) <= {201, 409, 412}, [a.text for a in answers]
    _, winning_party = signers[statuses.index(201)]
    recorded = history(server, tokens, draft["id"])
    assert [entry["type"] for entry in recorded] == ["Registered", "Signed"]
    assert recorded[1]["data"]["party"] == winning_party


def test_one_agreement_number_registered_at_once_from_many_connections_is_taken_once(
        server, tokens):
    body = agreement_body("DT-RACE-NUMBER")

    answers = all_at_once([
        lambda: server.call("POST", "/api/v1/agreements", token=tokens.college, body=body)
        for _ in range(CONTENDERS)])

    statuses = [a.status for a in answers]
    assert statuses.count(201) == 1, [a.text for a in answers]
    assert {a.json["rule"] for a in answers if a.status != 201} <= \
        {"duplicate_number", "concurrent_write"}, [a.text for a in answers]
    created = answers[statuses.index(201)].json
    assert [e["type"] for e in history(server, tokens, created["id"])] == ["Registered"]


def test_concurrent_writers_without_if_match_lose_no_event(server, tokens):
    draft = register_draft(server, tokens, "DT-RACE-2")
    agreement_path = f"/api/v1/agreements/{draft['id']}"
    for token, party in ((tokens.college, "college"), (tokens.college, "trainee"),
                         (tokens.enterprise, "enterprise")):
        signed = server.call("POST", agreement_path + "/signatures", token=token,
                             body={"party": party})
        assert signed.status == 201, signed.text
    month = draft["start_date"][:7]
    references = [f"PAY-{n:03d}" for n in range(CONTENDERS)]

    def pay(reference: str) -> Answer:
        return server.call("POST", agreement_path + "/compensations", token=tokens.enterprise,
                           body={"month": month, "amount": "85000.00",
                                 "payment_reference": reference})

    first_tries = all_at_once([lambda r=r: pay(r) for r in references])
    assert {a.status for a in first_tries} <= {201, 409}, [a.text for a in first_tries]
    finals = [a if a.status == 201 else until_answered(lambda r=r: pay(r), "concurrent_write")
              for a, r in zip(first_tries, references, strict=True)]

    assert [a.status for a in finals] == [201] * CONTENDERS, [a.text for a in finals]
    recorded = [e for e in history(server, tokens, draft["id"])
                if e["type"] == "CompensationRecorded"]
    assert sorted(e["data"]["payment_reference"] for e in recorded) == references


def test_one_scrape_sums_the_requests_of_every_worker(postgres_schema: str, tokens: Tokens,
                                                     tmp_path: Path) -> None:
    env = {"DATABASE_URL": POSTGRES_URL, "POSTGRES_SCHEMA": postgres_schema,
           "DUALTRACK_DB_POOL_SIZE": "4", "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    route = 'route="/api/v1/organisations/<bin:bin>",status="200"'
    sent = 0
    with gunicorn_server(env, workers=2, threads=2) as running:
        # Until both workers have answered some (the kernel picks who accepts).
        while sent < 400 and len(set(tmp_path.glob("counter_*.db"))) < 2:
            answers = all_at_once([
                lambda: running.call("GET", f"/api/v1/organisations/{COLLEGE_BIN}",
                                     token=tokens.admin) for _ in range(10)])
            assert {answer.status for answer in answers} == {200}
            sent += 10
        scrapes = [running.call("GET", "/metrics").text for _ in range(4)]
    assert len(set(tmp_path.glob("counter_*.db"))) == 2
    counts = {line.rsplit(" ", 1)[1] for text in scrapes for line in text.splitlines()
              if line.startswith("dualtrack_http_requests_total") and route in line}
    assert counts == {f"{float(sent)}"}  # the same sum whichever worker answered

"""Who did it: every command of the API stamps its events with the caller.

For each command endpoint of the role matrix, on a new populated store, the callers it
allows are tried in turn until one is answered 2xx (``ON`` names a resource of the store
where the matrix's own, shared, one would refuse for a business reason). Every event
that request recorded, in every application, must carry that caller's role and id
(``actor_role``, ``actor_id``, as the token names them) and the request's correlation id;
an event the system records on the caller's behalf (the work-experience credit
follower) is stamped ``system`` explicitly and keeps the correlation id.

An endpoint that no allowed caller can get a 2xx from fails: it would be a command whose
stamp nobody checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flask import Flask

from application.agreements import commands as c
from application.mentor_payments.commands import ApproveAct
from domain.shared.audit import Actor
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import compose_iin
from interfaces.web.resources.imports import jobs
from tests.application.participants.builders import mentor
from tests.interfaces.web.api_world import (
    COLLEGE,
    CURRENT_TERM,
    E1,
    ENTERPRISE,
    T2,
    World,
    _active,
    populated_app,
)
from tests.interfaces.web.test_role_matrix import MATRIX, Endpoint

COMMANDS = [entry for entry in MATRIX if entry.method != "GET"]
SPARE_MENTOR = compose_iin(date(1982, 4, 9), male=True, serial=7203).value
SPARE_TRAINEE = compose_iin(date(2006, 7, 7), male=True, serial=7105).value
A = "/api/v1/agreements/{agreement_id}"
# route -> (resource, body) where the shared world's resource would refuse.
ON: dict[str, tuple[str, dict[str, Any] | None]] = {
    f"POST {A}/amendments": ("fresh", None),
    f"POST {A}/mentor": ("fresh", {"mentor_iin": SPARE_MENTOR, "from_date": "2026-11-01"}),
    f"POST {A}/practice-periods": ("fresh", None),
    f"POST {A}/resumptions": ("suspended", None),
    f"POST {A}/certificate": ("uncertified", None),
    f"POST {A}/completion": ("ended", {"date": "2026-06-30"}),
}


def _approve_the_submitted_act(world: World) -> None:
    contract = world.params["contract"]
    world.system.payments.approve_act(COLLEGE, ApproveAct(contract["contract_id"],
                                                          contract["number"]))


# route -> the file it is sent (a body that is not JSON).
FILES = {"POST /api/v1/imports/agreements": (
    ("number,enterprise_bin,trainee_iin,trainee_full_name,specialty_code,qualification,"
     "start_date,end_date,planned_practice_months,workplace\r\n"
     f"W-IMPORTED,{E1},{SPARE_TRAINEE},Dana Akhmetova,07150200,Welder,2027-09-01,"
     "2028-06-30,8,Shop 2\r\n").encode(), "text/csv")}


# route -> what must have happened first (a payment needs an approved, unpaid act).
BEFORE = {"POST /api/v1/mentor-contracts/{contract_id}/payments": _approve_the_submitted_act}


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Flask, World]]:
    with populated_app(tmp_path) as (app, populated):
        system = populated.system
        agreements = system.agreements
        system.participants.register_mentor(ENTERPRISE, mentor(E1, iin=SPARE_MENTOR))
        fresh = _active(system, "W-FRESH", T2, *CURRENT_TERM)
        suspended = _active(system, "W-SUSPENDED", SPARE_TRAINEE, *CURRENT_TERM)
        agreements.suspend(COLLEGE, c.Suspend(suspended.id, date(2026, 11, 1), "illness",
                                              date(2026, 11, 20)))
        done = _active(system, "W-DONE", T2, date(2024, 9, 1), date(2025, 6, 30))
        agreements.record_practice_period(ENTERPRISE, c.RecordPracticePeriod(
            done.id, DatePeriod(date(2024, 9, 1), date(2025, 5, 31)), "Fitter", "Assembly"))
        agreements.complete(COLLEGE, c.Complete(done.id, date(2025, 6, 30)))
        ended = _active(system, "W-ENDED", SPARE_TRAINEE, date(2025, 9, 1), date(2026, 6, 30))
        agreements.record_practice_period(ENTERPRISE, c.RecordPracticePeriod(
            ended.id, DatePeriod(date(2025, 9, 1), date(2026, 5, 31)), "Fitter", "Assembly"))
        populated.params.update({"ended": {"agreement_id": ended.id},
            "fresh": {"agreement_id": fresh.id}, "suspended": {"agreement_id": suspended.id},
            "uncertified": {"agreement_id": done.id}})
        yield app, populated


def _heads(world: World) -> dict[str, int]:
    return {app.name: app.recorder.max_notification_id() or 0
            for app in world.system.applications}


def _events_after(world: World, heads: dict[str, int]) -> list[Any]:
    events = []
    for app in world.system.applications:
        notifications = app.recorder.select_notifications(
            start=heads[app.name] + 1, limit=10_000)
        events += [app.mapper.to_domain_event(n) for n in notifications]
    return events


def _expected_actor(world: World, caller: str) -> Actor:
    token = world.tokens[caller]
    assert token is not None
    principal = world.system.participants.authenticate(token, "stamps")
    assert principal is not None, caller
    return principal.actor


@pytest.mark.parametrize("entry", COMMANDS, ids=[e.route for e in COMMANDS])
def test_every_command_stamps_its_events_with_the_caller(world, entry: Endpoint):
    app, populated = world
    if entry.route in ON:
        on, body = ON[entry.route]
        entry = replace(entry, on=on, body=entry.body if body is None else body)
    if entry.route in BEFORE:
        BEFORE[entry.route](populated)
    client = app.test_client()
    refusals = []
    for caller in sorted(entry.allowed):
        correlation_id = f"stamp-{abs(hash((entry.route, caller)))}"
        body = entry.body(populated, caller) if callable(entry.body) else entry.body
        heads = _heads(populated)
        sent: dict[str, Any] = {"json": body} if entry.route not in FILES else dict(
            zip(("data", "content_type"), FILES[entry.route], strict=True))
        answer = client.open(entry.path(populated), method=entry.method, **sent,
                             headers={**populated.headers(caller),
                                      "X-Request-ID": correlation_id})
        if entry.route in FILES and answer.status_code == 202:  # its thread writes
            jobs.wait(UUID(answer.get_json()["id"]))
        if answer.status_code >= 300:
            refusals.append((caller, answer.status_code, answer.get_data(True)[:200]))
            recorded = [e for e in _events_after(populated, heads)
                        if e.correlation_id == correlation_id]
            assert recorded == [], "a refused command recorded events"
            continue
        every = _events_after(populated, heads)
        # The credit follower may catch up on an earlier request's events meanwhile.
        assert all(e.correlation_id == correlation_id for e in every
                   if e.actor_role != "system"), "a caller's event without its request id"
        events = [e for e in every if e.correlation_id == correlation_id]
        assert events, f"{entry.route} answered {answer.status_code} but recorded nothing"
        actor = _expected_actor(populated, caller)
        by_caller = [e for e in events if e.actor_role != "system"]
        assert by_caller, "no event of the request is stamped with its caller"
        for event in events:
            assert event.correlation_id == correlation_id, type(event).__name__
            stamp = (event.actor_role, event.actor_id)
            assert stamp in {(actor.role.value, actor.id), ("system", Actor.system().id)}, (
                f"{type(event).__name__} stamped {stamp}, caller is {actor}")
        return
    pytest.fail(f"no allowed caller got a 2xx from {entry.route}: {refusals}")

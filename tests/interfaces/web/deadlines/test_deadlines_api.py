"""Deadlines over HTTP: ``GET /api/v1/worklist`` for the parties, ``/monitoring/deadlines``
(JSON, CSV, XLSX) for monitors and auditors, each kind on the day before its threshold,
the day of it and the day after, by ``as_of`` (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from application.agreements import commands as c
from application.mentor_payments.commands import ApproveAct
from application.projections.deadlines import KIND_NAMES
from application.projections.schema import AGREEMENTS, MENTOR_CONTRACTS
from domain.agreements.records import TerminationReason
from tests.application.agreements.fixtures import COLLEGE_BIN, MENTOR_IIN, REGION, principals
from tests.application.mentor_payments.test_acts import submit_act
from tests.application.mentor_payments.test_contracts import COLLEGE, conclude
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import Api, field_rule

api = fixtures.api

WORKLIST = "/api/v1/worklist"
DEADLINES = "/api/v1/monitoring/deadlines"
DAY = timedelta(days=1)


def views(api: Api):
    projections = api.client.application.extensions["dualtrack"].projections
    projections.catch_up()
    return projections


def view_row(api: Api, table, key: str) -> dict:
    rows, _ = views(api).store.select(table, {table.key: key}, [(table.key, False)], 1, 0)
    return rows[0]


def kinds_due(api: Api, who: str, on: date) -> dict[str, dict]:
    views(api)
    answer = api.get(WORKLIST, who, as_of=on.isoformat())
    assert answer.status_code == 200, answer.json
    assert answer.json["as_of"] == on.isoformat()
    return {item["kind"]: item for item in answer.json["items"]}


def draft(api: Api) -> tuple[str, date]:
    agreement = api.draft()
    return "draft_unsigned", view_row(api, AGREEMENTS, str(agreement.id))["registered_on"] \
        + 14 * DAY


def practice_start(api: Api) -> tuple[str, date]:
    api.active(start=date(2026, 12, 10), mentor_iin=None, briefing=False)
    return "practice_start_unprepared", date(2026, 12, 10)


def act_awaiting(api: Api) -> tuple[str, date]:
    contract = conclude(api.system)
    submit_act(api.system, contract)
    acts = view_row(api, MENTOR_CONTRACTS, str(contract.id))["acts"]
    return "act_awaiting_approval", date.fromisoformat(acts["1"]["submitted_on"]) + 10 * DAY


def act_unpaid(api: Api) -> tuple[str, date]:
    contract = conclude(api.system)
    submit_act(api.system, contract)
    api.system.payments.approve_act(COLLEGE, ApproveAct(contract.id, 1))
    acts = view_row(api, MENTOR_CONTRACTS, str(contract.id))["acts"]
    return "act_unpaid", date.fromisoformat(acts["1"]["decided_on"]) + 30 * DAY


def certificate(api: Api) -> tuple[str, date]:
    agreement = api.active()
    api.system.agreements.terminate(principals(agreement).college, c.Terminate(
        agreement.id, TerminationReason.TRANSFER, date(2026, 10, 20), "moved"))
    return "certificate_unissued", date(2026, 11, 19)


@pytest.mark.parametrize("make", [draft, practice_start, act_awaiting, act_unpaid, certificate])
def test_each_kind_is_due_on_its_day_and_overdue_the_day_after(api, make):
    kind, due = make(api)

    before, on, after = (kinds_due(api, "college", day)[kind]
                         for day in (due - DAY, due, due + DAY))
    assert [i["overdue"] for i in (before, on, after)] == [False, False, True]
    assert {i["due_on"] for i in (before, on, after)} == {due.isoformat()}
    assert set(after) == {"kind", "due_on", "overdue", "subject", "detail"}

    counts = api.get(DEADLINES, "auditor", group_by="college", as_of=due.isoformat()).json
    assert counts["rows"] == []
    [row] = api.get(DEADLINES, "auditor", group_by="college",
                    as_of=(due + DAY).isoformat()).json["rows"]
    assert (row["group"], row[kind], row["total"]) == (COLLEGE_BIN, 1, 1)


def test_a_kind_appears_on_its_first_day_only(api):
    kind, due = certificate(api)  # closed 2026-10-20
    assert kind not in kinds_due(api, "college", date(2026, 10, 19))
    assert kind in kinds_due(api, "college", date(2026, 10, 20))


def test_each_party_gets_only_its_own_items(api):
    api.draft()
    practice_start(api)
    act_awaiting(api)
    late = date(2027, 3, 1)

    assert set(kinds_due(api, "college", late)) == {
        "draft_unsigned", "practice_start_unprepared", "act_awaiting_approval"}
    assert set(kinds_due(api, "enterprise", late)) == {"draft_unsigned",
                                                      "practice_start_unprepared"}
    assert set(kinds_due(api, "trainee", late)) == {"draft_unsigned"}
    assert set(kinds_due(api, "mentor", late)) == {"act_awaiting_approval"}
    assert kinds_due(api, "other_college", late) == {}
    assert kinds_due(api, ("mentor", MENTOR_IIN), late)  # the same mentor, another token


@pytest.mark.parametrize("who", ["auditor", "monitor", "admin"])
def test_only_the_parties_have_a_worklist(api, who):
    assert api.get(WORKLIST, who).status_code == 403


def test_a_bad_as_of_is_refused_naming_the_field(api):
    assert field_rule(api.get(WORKLIST, "college", as_of="2026-02-30"), "as_of") == "date"
    assert field_rule(api.get(DEADLINES, "auditor", as_of="tomorrow"), "as_of") == "date"
    assert api.get(DEADLINES, "auditor", group_by="enterprise").status_code == 422


def test_the_counts_are_for_monitors_of_their_region_and_auditors(api):
    _, due = draft(api)
    late = (due + DAY).isoformat()
    own = api.get(DEADLINES, "monitor", as_of=late)
    assert own.status_code == 200 and own.json["region"] == REGION
    assert [(r["group"], r["draft_unsigned"]) for r in own.json["rows"]] == [(REGION, 1)]
    assert api.get(DEADLINES, "monitor", region="71").status_code == 403
    assert api.get(DEADLINES, "college").status_code == 403


def test_the_downloads_hold_the_json_rows_under_readable_headers(api):
    kind, due = certificate(api)
    query = {"group_by": "region", "as_of": (due + DAY).isoformat()}
    views(api)
    rows = api.get(DEADLINES, "auditor", **query).json["rows"]

    answer = api.get(f"{DEADLINES}.csv", "auditor", **query)
    header, *body = csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig")))
    assert answer.mimetype == "text/csv"
    assert header[:2] == ["Region code", "Region"] and "Certificates not issued" in header
    assert len(header) == len(KIND_NAMES) + 3
    assert body == [[str(row[c]) for c in ("group", "label", *KIND_NAMES, "total")]
                    for row in rows]
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="deadlines-by-region-as-of-{query["as_of"]}.csv"')

    workbook = load_workbook(io.BytesIO(api.get(f"{DEADLINES}.xlsx", "auditor",
                                                **query).get_data()))
    sheet = [list(r) for r in workbook.active.iter_rows(values_only=True)]
    assert rows and sheet[0] == header
    assert sheet[1:] == [[row[c] for c in ("group", "label", *KIND_NAMES, "total")]
                         for row in rows]

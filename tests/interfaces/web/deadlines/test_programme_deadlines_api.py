"""The programmes' deadlines over HTTP (SQLite and PostgreSQL): a reimbursement claim
awaiting a decision and a targeted-training graduate without employment or release, on
the worklists of the college and the enterprise and in ``/monitoring/deadlines``, on the
day before the due day, the day of it and the day after (``as_of``)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest

from application.targeted_training import commands as t
from tests.application.agreements.fixtures import COLLEGE_BIN, REGION
from tests.application.reimbursement.fixtures import TODAY as CLAIMED_ON
from tests.application.reimbursement.fixtures import (
    claim,
    june_agreement,
    pin,
    set_budget,
    set_norm,
)
from tests.application.targeted_training import helpers as targeted
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import Api

api = fixtures.api

WORKLIST = "/api/v1/worklist"
DEADLINES = "/api/v1/monitoring/deadlines"
DAY = timedelta(days=1)
TARGETED_ENTERPRISE = ("enterprise", targeted.LARGE_BIN)


def items(api: Api, who, on: date, kind: str) -> list[dict]:
    api.client.application.extensions["dualtrack"].projections.catch_up()
    answer = api.get(WORKLIST, who, as_of=on.isoformat())
    assert answer.status_code == 200, answer.json
    return [item for item in answer.json["items"] if item["kind"] == kind]


def a_claim(api: Api) -> tuple[str, str, date, tuple]:
    pin(api.system)
    set_norm(api.system, "60000")
    agreement = june_agreement(api.system, trainee_iin=fixtures.TRAINEE_IIN)
    set_budget(api.system, agreement.college_bin, "1000000")
    submitted = claim(api.system, agreement, "40000")
    return ("claim_awaiting_decision", str(submitted.id), CLAIMED_ON + 15 * DAY,
            ("reimbursement_claim", "enterprise"))


def a_graduate(api: Api) -> tuple[str, str, date, tuple]:
    order = targeted.accepted(api.system)
    targeted.graduate(api.system, order, 1, on=date(2026, 6, 30))
    return ("graduate_unplaced", str(order.id), date(2026, 12, 29),
            ("targeted_order", TARGETED_ENTERPRISE))


@pytest.mark.parametrize("make", [a_claim, a_graduate])
def test_each_programme_kind_is_due_on_its_day_and_overdue_the_day_after(api, make):
    kind, subject_id, due, (subject_type, enterprise) = make(api)

    for who in ("college", enterprise):
        before, on, after = ([*items(api, who, day, kind)] for day in (due - DAY, due,
                                                                     due + DAY))
        assert [[i["overdue"] for i in found] for found in (before, on, after)] == \
            [[False], [False], [True]]
        assert {i["due_on"] for i in (*before, *on, *after)} == {due.isoformat()}
        assert after[0]["subject"] == {"type": subject_type, "id": subject_id}
    assert items(api, "other_college", due + DAY, kind) == []
    assert items(api, "trainee", due + DAY, kind) == []

    assert api.get(DEADLINES, "auditor", group_by="college",
                   as_of=due.isoformat()).json["rows"] == []
    [row] = api.get(DEADLINES, "auditor", group_by="college",
                    as_of=(due + DAY).isoformat()).json["rows"]
    assert (row["group"], row[kind], row["total"]) == (COLLEGE_BIN, 1, 1)
    [regional] = api.get(DEADLINES, "monitor", as_of=(due + DAY).isoformat()).json["rows"]
    assert (regional["group"], regional[kind]) == (REGION, 1)


def test_the_items_go_once_the_claim_is_decided_and_the_graduate_employed(api):
    _, claim_id, claim_due, _ = a_claim(api)
    _, order_id, graduate_due, _ = a_graduate(api)
    late = max(claim_due, graduate_due) + DAY
    assert {i["kind"] for i in items(api, "college", late, "claim_awaiting_decision")} == \
        {"claim_awaiting_decision"}

    approved = api.post(f"/api/v1/reimbursement-claims/{claim_id}/approval", None,
                        If_Match='"1"')
    assert approved.status_code == 200, approved.json
    assert items(api, "college", late, "claim_awaiting_decision") == []
    assert items(api, "enterprise", late, "claim_awaiting_decision") == []

    api.system.targeted_training.record_employment(targeted.ENTERPRISE, t.RecordEmployment(
        order_id=UUID(order_id), iin=targeted.student(1),
        start_date=date(2026, 7, 1), position="Welder"))
    assert items(api, TARGETED_ENTERPRISE, late, "graduate_unplaced") == []
    assert items(api, "college", late, "graduate_unplaced") == []


def test_the_downloads_have_a_column_for_each_programme_kind(api):
    a_claim(api)
    answer = api.get(f"{DEADLINES}.csv", "auditor", as_of="2027-08-01")
    header = answer.get_data().decode("utf-8-sig").splitlines()[0].split(",")
    assert {"Claims awaiting a decision", "Graduates without employment or release"} <= \
        set(header)

"""The demo's monitoring figures for the three programmes (issue 12: reimbursement,
targeted training, patronage) equal figures computed here, independently of the
projections, from the events the applications recorded (their notification logs), on
SQLite and PostgreSQL.

Each fold below is written from DOMAIN.md and the figures' definitions
(``application.projections.reimbursement``, ``targeted_figures``, ``patronage``), not
from the projection code: one pass over a log, event by event, per aggregate.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from domain.shared.identifiers import BIN
from tests.interfaces.demo.world import TODAY

ZERO = Decimal("0.00")


def events(application: Any, prefix: str) -> list[Any]:
    """Every event of the aggregates whose topics start with ``prefix``, in log order."""
    found, start = [], 1
    while True:
        page = application.recorder.select_notifications(start=start, limit=500)
        found += [application.mapper.to_domain_event(n) for n in page
                  if n.topic.startswith(prefix)]
        if len(page) < 500:
            return found
        start = page[-1].id + 1


def kind(event: Any) -> str:
    return type(event).__name__


def by_region(world, name: str) -> dict[tuple[str, int], dict[str, Any]]:
    answer = world.get(f"/api/v1/monitoring/{name}", "auditor", {"group_by": "region"})
    assert answer.status_code == 200, answer.json
    return {(row["group"], row["year"]): row for row in answer.json["rows"]}


def amount(money: Any) -> Decimal:
    return Decimal(str(money.amount))


# Reimbursement ----------------------------------------------------------------------

def reimbursement_from_events(system: Any) -> dict[tuple[str, int], dict[str, Any]]:
    claims: dict[Any, dict[str, Any]] = {}
    for event in events(system.reimbursement, "dualtrack:reimbursement.ReimbursementClaim."):
        claim = claims.get(event.originator_id)
        match kind(event):
            case "Submitted":
                claims[event.originator_id] = {
                    "key": (event.region, event.academic_year.start_year),
                    "status": "submitted", "claimed": amount(event.claimed),
                    "approved": ZERO, "payments": {}}
            case "Approved":
                claim.update(status="approved", approved=amount(event.amount))
            case "Rejected":
                claim["status"] = "rejected"
            case "PaymentRecorded":
                claim["status"] = "paid"
                claim["payments"][event.payment_reference] = amount(event.amount)
            case "PaymentReversed":
                claim["status"] = "approved"  # the money came back: approved, unpaid
                claim["payments"].pop(event.payment_reference)
    budgets: dict[Any, dict[str, Any]] = {}
    for event in events(system.reimbursement, "dualtrack:reimbursement.ReimbursementBudget."):
        if kind(event) == "Opened":
            region = system.participants.organisation(BIN.parse(str(event.college_bin))).region
            budgets[event.originator_id] = {
                "key": (region, event.academic_year.start_year), "amount": ZERO}
        elif kind(event) == "AmountSet":
            budgets[event.originator_id]["amount"] = amount(event.amount)

    figures: dict[tuple[str, int], dict[str, Any]] = defaultdict(lambda: {
        "claims_submitted": 0, "claims_approved": 0, "claims_paid": 0, "claims_rejected": 0,
        "claimed": ZERO, "approved": ZERO, "paid": ZERO, "budget": ZERO})
    for claim in claims.values():
        row = figures[claim["key"]]
        row[f"claims_{claim['status']}"] += 1
        if claim["status"] != "rejected":
            row["claimed"] += claim["claimed"]
        if claim["status"] in ("approved", "paid"):
            row["approved"] += claim["approved"]
        row["paid"] += sum(claim["payments"].values(), ZERO)
    for budget in budgets.values():
        figures[budget["key"]]["budget"] += budget["amount"]
    for row in figures.values():
        row["remaining"] = row["budget"] - row["approved"]
    return dict(figures)


def test_the_demos_reimbursement_figures_are_those_of_its_events(demo_world):
    expected = reimbursement_from_events(demo_world.system)
    shown = by_region(demo_world, "reimbursement")

    assert set(shown) == set(expected)
    assert sum(row["claims_paid"] for row in expected.values()) > 0
    for key, row in expected.items():
        got = shown[key]
        assert {name: int(got[name]) if name.startswith("claims_") else Decimal(got[name])
                for name in row} == row, key
        assert got["academic_year"] == f"{key[1]}-{key[1] + 1}"


# Targeted training --------------------------------------------------------------------

def six_months_before(day: date) -> date:
    month = day.month - 6
    year, month = (day.year - 1, month + 12) if month < 1 else (day.year, month)
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)


def targeted_from_events(system: Any, today: date) -> dict[tuple[str, int], dict[str, int]]:
    orders: dict[Any, dict[str, Any]] = {}
    for event in events(system.targeted_training,
                        "dualtrack:targeted_training.TargetedTrainingOrder."):
        order = orders.get(event.originator_id)
        name = kind(event)
        if name == "Submitted":
            orders[event.originator_id] = {
                "key": (event.region, event.academic_year.start_year), "status": "submitted",
                "places": event.places, "students": {}}
            continue
        student = order["students"].get(event.number) if hasattr(event, "number") else None
        match name:
            case "Accepted":
                order["status"] = "accepted"
            case "Rejected":
                order["status"] = "rejected"
            case "StudentEnrolled":
                order["students"][event.number] = {"status": "enrolled", "graduated_on": None,
                                                   "outcome": None, "early": False}
            case "StudentWithdrawn":
                student["status"] = "withdrawn"
            case "StudentGraduated":
                student.update(status="graduated", graduated_on=event.graduated_on)
            case "EmploymentRecorded":
                student["outcome"] = "employed"
            case "GraduateReleased":
                student["outcome"] = "released"
            case "EmploymentEnded":
                student["early"] = bool(event.early)

    cutoff = six_months_before(today)
    figures: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: dict.fromkeys((
        "orders_submitted", "orders_accepted", "orders_rejected", "places", "enrolled",
        "withdrawn", "graduated", "employed", "released", "early_ends", "overdue"), 0))
    for order in orders.values():
        row = figures[order["key"]]
        row[f"orders_{order['status']}"] += 1
        if order["status"] == "accepted":
            row["places"] += order["places"]
        for student in order["students"].values():
            row[student["status"]] += 1
            if student["outcome"]:
                row[student["outcome"]] += 1
            row["early_ends"] += student["early"]
            if student["graduated_on"] and not student["outcome"] and \
                    student["graduated_on"] <= cutoff:
                row["overdue"] += 1
    return dict(figures)


def test_the_demos_targeted_training_figures_are_those_of_its_events(demo_world):
    expected = targeted_from_events(demo_world.system, TODAY)
    shown = by_region(demo_world, "targeted-training")

    assert set(shown) == set(expected)
    assert sum(row["graduated"] for row in expected.values()) > 0
    for key, row in expected.items():
        assert {name: shown[key][name] for name in row} == row, key


# Patronage ------------------------------------------------------------------------------

def patronage_from_events(system: Any) -> dict[tuple[str, int], dict[str, Any]]:
    memoranda: dict[Any, dict[str, Any]] = {}
    for event in events(system.patronage, "dualtrack:patronage.PatronageMemorandum."):
        memorandum = memoranda.get(event.originator_id)
        match kind(event):
            case "Drafted":
                memoranda[event.originator_id] = {
                    "region": event.region, "enterprise": str(event.enterprise_bin),
                    "from": event.term.start, "to": event.term.end, "signed": {},
                    "in_force_from": None, "ended": None, "dated": []}
            case "Signed":
                memorandum["signed"][event.party] = event.signed_on
                if len(memorandum["signed"]) == 2:  # the enterprise and the college
                    memorandum["in_force_from"] = max(memorandum["from"], event.signed_on)
            case "Terminated":
                memorandum["ended"] = event.termination.date
            case "CommitmentFulfilled":
                memorandum["dated"].append(("fulfilment", event.fulfilment.date,
                                            event.fulfilment.quantity))
            case "MaterialAidProvided":
                memorandum["dated"].append(("aid", event.aid.date, amount(event.aid.amount)))
            case "ProgrammeDeveloped":
                memorandum["dated"].append(("programme", event.programme.date, 1))

    figures: dict[tuple[str, int], dict[str, Any]] = defaultdict(lambda: {
        "patron_enterprises": set(), "memoranda_in_force": 0, "programmes_developed": 0,
        "commitments_fulfilled": 0, "fulfilled_quantity": 0, "material_aid": ZERO})
    for m in memoranda.values():
        if m["in_force_from"] is not None:
            last = m["ended"] or m["to"]
            for year in range(m["in_force_from"].year, max(last.year,
                                                           m["in_force_from"].year) + 1):
                figures[(m["region"], year)]["memoranda_in_force"] += 1
                figures[(m["region"], year)]["patron_enterprises"].add(m["enterprise"])
        for what, day, value in m["dated"]:
            row = figures[(m["region"], day.year)]
            if what == "fulfilment":
                row["commitments_fulfilled"] += 1
                row["fulfilled_quantity"] += value
            elif what == "aid":
                row["material_aid"] += value
            else:
                row["programmes_developed"] += 1
    for row in figures.values():
        row["patron_enterprises"] = len(row["patron_enterprises"])
    return dict(figures)


def test_the_demos_patronage_figures_are_those_of_its_events(demo_world):
    expected = patronage_from_events(demo_world.system)
    shown = by_region(demo_world, "patronage")

    assert set(shown) == set(expected)
    assert sum(row["material_aid"] for row in expected.values()) > 0
    for key, row in expected.items():
        got = {name: Decimal(shown[key][name]) if name == "material_aid" else shown[key][name]
               for name in row}
        assert got == row, key

"""Who may do what: every /api/v1 endpoint, asked by every kind of caller (DOMAIN.md roles).

Each caller gets one of four answers:
- ``allowed``: 2xx, or any other 4xx (a business answer: 400, 409, 412, 422): the role got
  past the door (the bodies are valid, so that the door is what decides);
- 403: the role may never do this;
- 404: the role may do this, but the resource belongs to another party (existence does
  not leak), e.g. the other college asking about this college's agreement;
- 401: no token, or a token nobody was given (not on a ``public`` endpoint, which every
  caller passes: the certificate check by number and code).

``MATRIX`` names, per endpoint, the callers that are allowed; "other_college",
"other_enterprise" and "other_trainee" then get 404 where their counterpart is allowed
(403 for a POST that creates something, which has no owner yet), everyone else 403.
A new /api/v1 route fails ``test_every_api_route_is_in_the_matrix`` until it is added.
Where the application disagrees with DOMAIN.md's table, ``DEVIATIONS`` marks the case as
a strict xfail with the reason, to be decided and then removed.

Runs on SQLite only: who may do what is decided above the store, the same on both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask

from tests.interfaces.web.api_world import (
    C1,
    CALLERS,
    E1,
    M1,
    NEW_COLLEGE,
    NEW_MENTOR,
    NEW_TRAINEE,
    REGION,
    World,
    agreement_body,
    memorandum_body,
    populated_app,
)
from tests.interfaces.web.targeted_orders.world import S_NEW, order_body

ALLOWED = "allowed"
PARTIES = {"college", "enterprise", "trainee"}
ORGANISATIONS = {"college", "enterprise"}
AGREEMENT_READERS = PARTIES | {"auditor"}
CONTRACT_READERS = {"college", "mentor", "auditor"}
EMPLOYERS = {"college", "other_college", "enterprise", "other_enterprise"}
EVERYONE = {c for c in CALLERS if c not in ("no_token", "unknown_token")}
MONITORING_READERS = {"monitor_national", "monitor_regional", "auditor"}
OTHER = {"college": "other_college", "enterprise": "other_enterprise",
         "trainee": "other_trainee"}
# A request body, or how to make one from the world and the caller.
Body = dict[str, Any] | Callable[[World, str], dict[str, Any]] | None


def as_party(world: World, caller: str) -> dict[str, str]:
    """Sign or accept as the party the caller speaks for."""
    return {"party": next((p for p in PARTIES if p in caller), "college")}


def as_signatory(world: World, caller: str) -> dict[str, str]:
    """Sign a memorandum as the organisation the caller is (the enterprise otherwise)."""
    return {"party": "college" if "college" in caller else "enterprise"}


def act_body(world: World, caller: str) -> dict[str, Any]:
    return {"month": "2026-11", "hours": 8,
            "agreement_ids": [str(world.params["active"]["agreement_id"])]}


def claim_body(world: World, caller: str) -> dict[str, Any]:
    return {"agreement_id": str(world.params["active"]["agreement_id"]), "month": "2026-10",
            "costs": [{"category": "mentor_pay", "amount": "25000.00",
                       "document_reference": "W-INV-10"}]}


@dataclass(frozen=True)
class Endpoint:
    route: str  # "METHOD /path/{param}", as url_map has it with converters dropped
    on: str | None  # the World resource that fills the path parameters
    allowed: frozenset[str]
    body: Body = None
    creates: bool = False  # a POST that makes something new: no owner, so no 404
    public: bool = False  # needs no token: every caller, with any token or none, gets past
    query: str = ""  # appended to the path, with the World's parameters filled in

    @property
    def method(self) -> str:
        return self.route.split(" ", 1)[0]

    def path(self, world: World) -> str:
        template = self.route.split(" ", 1)[1] + self.query
        return template.format(**world.params[self.on]) if self.on else template

    def expected(self, caller: str) -> str | int:
        if self.public:
            return ALLOWED
        if caller in ("no_token", "unknown_token"):
            return 401
        if caller in self.allowed:
            return ALLOWED
        owner = next((own for own, other in OTHER.items() if other == caller), None)
        return 404 if owner in self.allowed and not self.creates else 403


def endpoint(route: str, on: str | None, allowed: set[str], body: Body = None,
             creates: bool = False, public: bool = False, query: str = "") -> Endpoint:
    return Endpoint(route, on, frozenset(allowed), body, creates, public, query)


A = "/api/v1/agreements/{agreement_id}"
MC = "/api/v1/mentor-contracts/{contract_id}"
RC = "/api/v1/reimbursement-claims/{claim_id}"
CLAIM_READERS = {"college", "enterprise", "auditor"}
CLAIM_LISTERS = {"college", "other_college", "enterprise", "other_enterprise", "auditor"}
PM = "/api/v1/patronage-memoranda/{memorandum_id}"
TO = "/api/v1/targeted-orders/{order_id}"
TS = TO + "/enrolments/{iin}"
TARGETED_READERS = ORGANISATIONS | {"auditor"}
TERM = {"start_date": "2026-10-01", "end_date": "2026-10-31"}
MATRIX = [
    # Participants (admin manages them; an enterprise registers its mentors).
    endpoint("POST /api/v1/organisations", None, {"admin"}, creates=True, body={
        "bin": NEW_COLLEGE, "name": "New College", "kind": "college", "region": REGION}),
    endpoint("GET /api/v1/organisations/{bin}", "college_org", EVERYONE),  # public registry
    endpoint("POST /api/v1/enterprises/{bin}/mentors", "enterprise_org", {"admin", "enterprise"},
             body={"iin": NEW_MENTOR, "full_name": "Aigul Sarsenova", "position": "Foreman",
                   "qualification": "Fitter, grade 5", "experience_years": 9}),
    endpoint("GET /api/v1/enterprises/{bin}/mentors/{iin}", "enterprise_org",
             {"admin", "enterprise", "auditor"}),
    # The lists (each narrowed to the caller's own rows; another party's filter: empty).
    endpoint("GET /api/v1/organisations", None,
             {"admin", "auditor", "monitor_national", "monitor_regional"}),
    endpoint("GET /api/v1/enterprises/{bin}/mentors", "enterprise_org",
             {"admin", "enterprise", "auditor"}),
    endpoint("GET /api/v1/mentor-contracts", None,
             CONTRACT_READERS | {"admin", "other_college"}),
    endpoint("GET /api/v1/certificates", None,
             PARTIES | {"other_college", "other_enterprise", "other_trainee", "auditor"}),
    # Agreements: registered by either organisation, read by its parties and auditors.
    endpoint("POST /api/v1/agreements", None, ORGANISATIONS, creates=True,
             body=agreement_body("W-NEW", NEW_TRAINEE)),
    endpoint(f"GET {A}", "active", AGREEMENT_READERS),
    # The list: every role but the admin, each narrowed to its own rows (never a 404).
    endpoint("GET /api/v1/agreements", None, EVERYONE - {"admin"}),
    endpoint(f"GET {A}/history", "active", AGREEMENT_READERS),
    endpoint(f"POST {A}/terms", "draft", ORGANISATIONS, {"changes": {"workplace": "Shop 4"}}),
    endpoint(f"POST {A}/signatures", "draft", PARTIES, as_party),
    endpoint(f"POST {A}/cancellation", "draft", {"college"}, {"reason": "not needed"}),
    endpoint(f"POST {A}/amendments", "active", ORGANISATIONS,
             {"changes": {"workplace": "Shop 5"}, "reason": "moved"}),
    endpoint(f"GET {A}/amendments/{{number}}", "active", AGREEMENT_READERS),
    endpoint(f"POST {A}/amendments/{{number}}/acceptances", "active", PARTIES, as_party),
    # The enterprise's records (the Annex).
    endpoint(f"POST {A}/mentor", "active", {"enterprise"},
             {"mentor_iin": M1, "from_date": "2026-11-01"}),
    endpoint(f"POST {A}/safety-briefings", "active", {"enterprise"},
             {"date": "2026-09-01", "instructor": "Safety engineer"}),
    endpoint(f"POST {A}/practice-periods", "active", {"enterprise"},
             {**TERM, "position": "Welder", "duties": "Welding"}),
    endpoint(f"POST {A}/compensations", "active", {"enterprise"},
             {"month": "2026-10", "amount": "85000.00", "payment_reference": "W-COMP-1"}),
    # Lifecycle: rule 8 (either organisation), rule 9 (the initiating party), rule 10.
    endpoint(f"POST {A}/suspensions", "active", ORGANISATIONS,
             {"start_date": "2026-11-20", "reason": "illness", "expected_return": "2026-12-20"}),
    endpoint(f"POST {A}/resumptions", "active", ORGANISATIONS, {"date": "2026-11-22"}),
    endpoint(f"POST {A}/termination", "active", ORGANISATIONS,
             {"reason_code": "transfer", "effective_date": "2026-11-23", "comment": "moved"}),
    endpoint(f"POST {A}/termination/revocation", "terminated", ORGANISATIONS,
             {"reason": "terminated by mistake"}),
    endpoint(f"POST {A}/completion", "active", {"college"}, {"date": "2026-11-23"}),
    # Mentor service contracts: between the college and the mentor (Civil Code art. 683).
    endpoint("POST /api/v1/mentor-contracts", None, {"college"}, creates=True, body={
        "number": "W-MSC-NEW", "college_bin": C1, "mentor_iin": M1, "enterprise_bin": E1,
        "start_date": "2026-09-01", "end_date": "2027-06-30", "rate_type": "hourly",
        "rate": "2500.00", "ceiling": "300000.00"}),
    endpoint(f"GET {MC}", "contract", CONTRACT_READERS),
    endpoint(f"GET {MC}/history", "contract", CONTRACT_READERS),
    endpoint(f"POST {MC}/acts", "contract", {"college", "mentor"}, act_body),
    endpoint(f"GET {MC}/acts/{{number}}", "contract", CONTRACT_READERS),
    endpoint(f"POST {MC}/acts/{{number}}/approval", "contract", {"college"}),
    endpoint(f"POST {MC}/acts/{{number}}/rejection", "contract", {"college"},
             {"reason": "hours not confirmed"}),
    endpoint(f"POST {MC}/payments", "contract", {"college"},
             {"amount": "20000.00", "payment_reference": "W-PAY-2", "paid_on": "2026-11-23"}),
    endpoint(f"POST {MC}/payments/{{payment_reference}}/reversal", "contract", {"college"},
             {"reason": "returned by the bank"}),
    # Work-experience credit and its certificates (the Annex).
    endpoint("GET /api/v1/trainees/{iin}/work-experience", "trainee", AGREEMENT_READERS),
    endpoint(f"POST {A}/certificate", "completed", ORGANISATIONS),
    # The full certificate: its trainee, college, enterprise and auditors (API.md); any
    # other employer checks it by number and code, without a token, and sees no IIN.
    endpoint("GET /api/v1/certificates/{number}", "certificate", AGREEMENT_READERS),
    endpoint("GET /api/v1/certificate-verification", "certificate", EVERYONE, public=True,
             query="?number={number}&code=2222-2222-2222"),
    endpoint("POST /api/v1/certificates/{number}/correction", "certificate", ORGANISATIONS,
             {"reason": "practice dates corrected"}),
    # Audit: auditors only.
    endpoint("GET /api/v1/audit/events", None, {"auditor"}),
    endpoint("GET /api/v1/audit/verification", None, {"auditor"}),
    # Monitoring: monitors (a regional one for its own region) and auditors.
    *(endpoint(f"GET /api/v1/monitoring/{figures}{suffix}", None, MONITORING_READERS)
      for figures in ("dual-training", "certificates") for suffix in ("", ".csv", ".xlsx")),
    # Reimbursement (Order No. 597): reference data is the admin's; norms are public.
    endpoint("POST /api/v1/reference/reimbursement-norms", None, {"admin"}, creates=True,
             body={"academic_year": "2026-2027", "monthly_norm": "65000.00"}),
    endpoint("GET /api/v1/reference/reimbursement-norms/{academic_year}", "norms", EVERYONE),
    endpoint("GET /api/v1/reference/reimbursement-norms/{academic_year}/history", "norms",
             EVERYONE),
    endpoint("POST /api/v1/colleges/{bin}/reimbursement-budgets", "budget", {"admin"},
             {"academic_year": "2026-2027", "amount": "600000.00"}),
    endpoint("GET /api/v1/colleges/{bin}/reimbursement-budgets/{academic_year}", "budget",
             {"college", "admin", "auditor"}),
    endpoint("GET /api/v1/colleges/{bin}/reimbursement-budgets/{academic_year}/history",
             "budget", {"college", "admin", "auditor"}),
    # Claims: the enterprise claims for its agreement (another enterprise: 404), the
    # college decides and pays; both read them, and auditors.
    endpoint("POST /api/v1/reimbursement-claims", None, {"enterprise"}, claim_body),
    endpoint("GET /api/v1/reimbursement-claims", None, CLAIM_LISTERS),
    endpoint(f"GET {RC}", "claim", CLAIM_READERS),
    endpoint(f"GET {RC}/history", "claim", CLAIM_READERS),
    endpoint(f"POST {RC}/approval", "claim", {"college"}),
    endpoint(f"POST {RC}/rejection", "claim", {"college"}, {"reason": "invoice missing"}),
    endpoint(f"POST {RC}/payments", "approved_claim", {"college"},
             {"payment_reference": "W-RB-2", "paid_on": "2026-11-23"}),
    endpoint(f"POST {RC}/payments/{{payment_reference}}/reversal", "paid_claim", {"college"},
             {"reason": "returned by the bank"}),
    *(endpoint(f"GET /api/v1/monitoring/reimbursement{suffix}", None, MONITORING_READERS)
      for suffix in ("", ".csv", ".xlsx")),
    # Patronage memoranda: a large enterprise drafts, both organisations sign, the
    # enterprise records what it delivers, either party terminates.
    endpoint("POST /api/v1/patronage-memoranda", None, {"enterprise"}, creates=True,
             body=memorandum_body("W-PM-NEW")),
    endpoint("GET /api/v1/patronage-memoranda", None, EMPLOYERS | {"auditor"}),
    endpoint(f"GET {PM}", "memo_in_force", ORGANISATIONS | {"auditor"}),
    endpoint(f"GET {PM}/history", "memo_in_force", ORGANISATIONS | {"auditor"}),
    endpoint(f"POST {PM}/signatures", "memo_draft", ORGANISATIONS, as_signatory),
    endpoint(f"POST {PM}/fulfilments", "memo_in_force", {"enterprise"},
             {"kind": "practice_places", "quantity": 5, "date": "2026-11-23",
              "evidence": "Order No. 7"}),
    endpoint(f"POST {PM}/material-aid", "memo_in_force", {"enterprise"},
             {"amount": "150000.00", "date": "2026-11-23", "description": "Welding machine"}),
    endpoint(f"POST {PM}/programmes", "memo_in_force", {"enterprise"},
             {"title": "Welding technology", "specialty_code": "07150200",
              "date": "2026-11-23"}),
    endpoint(f"POST {PM}/termination", "memo_in_force", ORGANISATIONS,
             {"date": "2026-11-23", "reason": "the enterprise is reorganised"}),
    *(endpoint(f"GET /api/v1/monitoring/patronage{suffix}", None, MONITORING_READERS)
      for suffix in ("", ".csv", ".xlsx")),
    # Targeted training: the enterprise orders, the college decides and enrols; both read.
    endpoint("POST /api/v1/targeted-orders", None, {"enterprise"}, creates=True,
             body=order_body("W-TO-NEW", C1, E1)),
    endpoint("GET /api/v1/targeted-orders", None, EMPLOYERS | {"auditor"}),
    endpoint(f"GET {TO}", "targeted_accepted", TARGETED_READERS),
    endpoint(f"GET {TO}/history", "targeted_accepted", TARGETED_READERS),
    endpoint(f"POST {TO}/acceptance", "targeted_submitted", {"college"},
             {"state_order_reference": "GOZ-2024/35-200"}),
    endpoint(f"POST {TO}/rejection", "targeted_submitted", {"college"},
             {"reason": "no state-order places left"}),
    endpoint(f"POST {TO}/enrolments", "targeted_accepted", {"college"},
             {"trainee": {"iin": S_NEW, "full_name": "Dana Akhmetova"},
              "enrolled_on": "2026-09-01"}),
    endpoint(f"GET {TS}", "targeted_accepted", TARGETED_READERS),
    endpoint(f"POST {TS}/withdrawal", "targeted_accepted", {"college"},
             {"date": "2026-11-01", "reason": "transferred"}),
    endpoint(f"POST {TS}/graduation", "targeted_accepted", {"college"}, {"date": "2026-06-30"}),
    endpoint(f"POST {TS}/employment", "targeted_graduate", {"enterprise"},
             {"start_date": "2026-08-01", "position": "Welder"}),
    endpoint(f"POST {TS}/release", "targeted_graduate", {"enterprise"},
             {"date": "2026-08-01", "reason": "no vacancy"}),
    endpoint(f"POST {TS}/employment-end", "targeted_employed", {"enterprise"},
             {"date": "2026-10-31", "reason": "resigned"}),
    *(endpoint(f"GET /api/v1/monitoring/targeted-training{suffix}", None, MONITORING_READERS)
      for suffix in ("", ".csv", ".xlsx")),
    # Intake import: a college, its own agreements (the template is for anyone).
    endpoint("GET /api/v1/imports/agreements/template.{file_format}", "template", EVERYONE),
    # A college imports into its own BIN (the token's): any college may.
    endpoint("POST /api/v1/imports/agreements", None, {"college", "other_college"},
             creates=True),
    endpoint("GET /api/v1/imports/{job_id}", "import", {"college"}),
    # Deadlines: every party has a worklist (of its own rows, so other parties too);
    # the overdue counts are monitoring figures.
    endpoint("GET /api/v1/worklist", None, PARTIES | {"other_college", "other_enterprise",
                                                      "other_trainee", "mentor"}),
    *(endpoint(f"GET /api/v1/monitoring/deadlines{suffix}", None, MONITORING_READERS)
      for suffix in ("", ".csv", ".xlsx")),
]

# (route, caller) -> why the application's answer differs from DOMAIN.md's role table.
# Empty: every deviation found so far has been fixed; a new one goes here as a strict xfail.
DEVIATIONS: dict[tuple[str, str], str] = {}


def api_routes(app: Flask) -> set[str]:
    """Every "METHOD /api/v1/..." the application answers, parameters as ``{name}``."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            template = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            routes |= {f"{m} {template}" for m in rule.methods - {"HEAD", "OPTIONS"}}
    return routes


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, World]]:
    with populated_app(tmp_path_factory.mktemp("roles")) as app_and_world:
        yield app_and_world


def test_every_api_route_is_in_the_matrix(world):
    app, _ = world
    assert api_routes(app) - {e.route for e in MATRIX} == set()


def _cases() -> Iterator[Any]:
    for entry in MATRIX:
        for caller in CALLERS:
            reason = DEVIATIONS.get((entry.route, caller))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(entry, caller, marks=marks, id=f"{entry.route}-{caller}")


@pytest.mark.parametrize(("entry", "caller"), list(_cases()))
def test_each_caller_gets_the_answer_its_role_allows(world, entry: Endpoint, caller: str):
    app, populated = world
    if entry.route not in api_routes(app):
        pytest.fail(f"{entry.route} is in the matrix but not served")
    body = entry.body(populated, caller) if callable(entry.body) else entry.body

    answer = app.test_client().open(entry.path(populated), method=entry.method, json=body,
                                    headers=populated.headers(caller))

    got = answer.status_code if answer.status_code in (401, 403, 404) else ALLOWED
    assert answer.status_code < 500, answer.get_data(True)[:300]
    assert got == entry.expected(caller), f"{answer.status_code}: {answer.get_data(True)[:300]}"


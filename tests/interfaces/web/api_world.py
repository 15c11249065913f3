"""A small populated store and a token for every kind of caller, for whole-API tests.

Two colleges, two enterprises and three trainees in region 35, a mentor, agreements in
the states the endpoints act on (draft, active with a pending amendment, terminated,
completed with a certificate) and a mentor service contract with an approved and paid
act and a submitted one. Built through the applications (as the parties would, with
their own principals), with business today pinned to ``tests.conftest.TODAY``.

``World.params[name]`` fills the path parameters of the resource called ``name``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import Flask

from application.agreements import commands as c
from application.intake.commands import SubmitImport
from application.mentor_payments.commands import (
    ApproveAct,
    ConcludeContract,
    RecordPayment,
    SubmitAct,
)
from application.security import Principal
from application.work_experience.commands import IssueCertificate
from domain.agreements.records import Party, TerminationReason
from domain.agreements.terms import TermsChange
from domain.mentor_payments.records import RateType
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN, compose_bin, compose_iin
from domain.shared.money import Money
from infrastructure.bootstrap import bootstrap
from infrastructure.settings import Settings
from interfaces.web import create_app
from interfaces.web.resources.agreements.schemas_in import AgreementIn
from tests.application.participants.builders import mentor, organisation, token_for
from tests.conftest import TODAY
from tests.interfaces.web.targeted_orders.world import build_targeted_orders

REGION = "35"
C1, C2 = compose_bin(2009, 4, serial=7001).value, compose_bin(2010, 3, serial=7002).value
E1, E2 = compose_bin(2011, 7, serial=7003).value, compose_bin(2012, 5, serial=7004).value
T1 = compose_iin(date(2005, 3, 15), male=False, serial=7101).value
T2 = compose_iin(date(2005, 6, 1), male=True, serial=7102).value
T3 = compose_iin(date(2004, 1, 20), male=True, serial=7103).value
M1 = compose_iin(date(1980, 5, 17), male=True, serial=7201).value
NEW_COLLEGE = compose_bin(2020, 2, serial=7005).value
NEW_MENTOR = compose_iin(date(1979, 8, 2), male=False, serial=7202).value
NEW_TRAINEE = compose_iin(date(2006, 2, 2), male=False, serial=7104).value

# caller -> (role, subject); "no_token" sends no Authorization, "unknown_token" a made-up one.
CALLERS: dict[str, tuple[str, str | None]] = {
    "admin": ("admin", None), "college": ("college", C1), "other_college": ("college", C2),
    "enterprise": ("enterprise", E1), "other_enterprise": ("enterprise", E2),
    "trainee": ("trainee", T1), "other_trainee": ("trainee", T2), "mentor": ("mentor", M1),
    "auditor": ("auditor", None), "monitor_national": ("monitor", None),
    "monitor_regional": ("monitor", REGION), "no_token": ("", None),
    "unknown_token": ("", None),
}
ADMIN = Principal(Role.ADMIN, correlation_id="world")
COLLEGE, ENTERPRISE = Principal(Role.COLLEGE, C1), Principal(Role.ENTERPRISE, E1)
CURRENT_TERM = (date(2026, 9, 1), date(2027, 6, 30))


@dataclass
class World:
    system: Any
    tokens: dict[str, str | None] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)

    def headers(self, caller: str) -> dict[str, str]:
        token = self.tokens[caller]
        return {} if token is None else {"Authorization": f"Bearer {token}"}


def agreement_body(number: str, trainee: str = NEW_TRAINEE, start: date = CURRENT_TERM[0],
                   end: date = CURRENT_TERM[1]) -> dict[str, Any]:
    """An agreement between C1 and E1, as the JSON body of ``POST /api/v1/agreements``."""
    return {"number": number, "college_bin": C1, "enterprise_bin": E1,
            "trainee": {"iin": trainee, "full_name": "Dana Akhmetova"},
            "specialty_code": "07150200", "qualification": "Electric and gas welder",
            "start_date": start.isoformat(), "end_date": end.isoformat(),
            "planned_practice_months": 8, "workplace": "Welding shop No. 2"}


@contextmanager
def populated_app(data_dir: Path) -> Iterator[tuple[Flask, World]]:
    """The API over a new SQLite store in ``data_dir``, populated with ``build_world``."""
    settings = Settings.from_env({"DUALTRACK_DATA_DIR": str(data_dir)})
    with bootstrap(settings) as system:
        system.pin_today(lambda: TODAY)
        world = build_world(system)
        yield create_app(system, settings=settings), world


def build_world(system: Any) -> World:
    world = World(system)
    _participants(world)
    agreements = system.agreements
    draft = _register(system, "W-DRAFT", T1, date(2027, 9, 1), date(2028, 6, 30))
    active = _active(system, "W-ACTIVE", T1, *CURRENT_TERM)
    agreements.record_practice_period(ENTERPRISE, c.RecordPracticePeriod(active.id, DatePeriod(date(2026, 9, 1), date(2026, 10, 31)), "Welder's assistant", "Tack welding"))
    agreements.propose_amendment(ENTERPRISE, c.ProposeAmendment(active.id, TermsChange(workplace="Welding shop No. 3"), "the shop moved"))
    terminated = _active(system, "W-TERMINATED", T3, *CURRENT_TERM)
    agreements.terminate(COLLEGE, c.Terminate(terminated.id, TerminationReason.EXPULSION, TODAY - timedelta(days=3), "expelled for absences"))
    completed = _active(system, "W-COMPLETED", T1, date(2024, 9, 1), date(2025, 6, 30))
    agreements.record_practice_period(ENTERPRISE, c.RecordPracticePeriod(
        completed.id, DatePeriod(date(2024, 9, 1), date(2025, 5, 31)), "Welder's assistant",
        "Tack welding"))
    agreements.complete(COLLEGE, c.Complete(completed.id, date(2025, 6, 30)))
    certificate = system.work_experience.issue_certificate(
        ENTERPRISE, IssueCertificate(completed.id)).certificate
    contract = _contract(system, active.id)
    claims = _reimbursement(system, active, completed)
    memo_draft, memo_in_force = _memoranda(system)
    world.params.update({
        "college_org": {"bin": C1}, "enterprise_org": {"bin": E1, "iin": M1},
        "draft": {"agreement_id": draft.id},
        "active": {"agreement_id": active.id, "number": 1},
        "terminated": {"agreement_id": terminated.id},
        "completed": {"agreement_id": completed.id},
        "certificate": {"number": certificate.number},
        "trainee": {"iin": T1},
        "contract": {"contract_id": contract.id, "number": 2, "payment_reference": "W-PAY-1"},
        **claims,
        "memo_draft": {"memorandum_id": memo_draft.id},
        "memo_in_force": {"memorandum_id": memo_in_force.id},
        "template": {"file_format": "csv"},
        "import": {"job_id": _import(system).id},
    })
    world.params.update(build_targeted_orders(system, C1, E1))
    return world


def _import(system: Any) -> Any:
    """An import job of the college (a dry run of one row)."""
    command = AgreementIn().load(agreement_body("W-IMPORT"))
    job = system.intake.submit(COLLEGE, SubmitImport(
        BIN.parse(C1), ((2, c.Register(**command)),), (), 1, dry_run=True)).aggregate
    return system.intake.run(job.id)


def _participants(world: World) -> None:
    participants = world.system.participants
    for bin_, kind in ((C1, "college"), (C2, "college"), (E1, "enterprise"), (E2, "enterprise")):
        # Enterprises large and not agro-industrial: they may place targeted orders.
        profile = {"size": "large", "oked": "24100"} if kind == "enterprise" else {}
        participants.register_organisation(ADMIN, organisation(
            bin=bin_, name=f"{kind.title()} {bin_}", kind=kind, region=REGION, **profile))
    participants.register_mentor(ENTERPRISE, mentor(E1, iin=M1))
    for caller, (role, subject) in CALLERS.items():
        world.tokens[caller] = (participants.issue_token(ADMIN, token_for(role, subject))
                                if role else None)
    world.tokens["unknown_token"] = "not-a-token-anyone-was-given"


def _register(system: Any, number: str, trainee: str, start: date, end: date) -> Any:
    # Parsed by the endpoint's own schema, as the API would.
    command = c.Register(**AgreementIn().load(agreement_body(number, trainee, start, end)))
    return system.agreements.register(COLLEGE, command).aggregate


def _active(system: Any, number: str, trainee: str, start: date, end: date) -> Any:
    agreements = system.agreements
    agreement = _register(system, number, trainee, start, end)
    agreements.sign(COLLEGE, c.Sign(agreement.id, Party.COLLEGE))
    agreements.sign(COLLEGE, c.Sign(agreement.id, Party.TRAINEE))
    agreements.sign(ENTERPRISE, c.Sign(agreement.id, Party.ENTERPRISE))
    agreements.assign_mentor(ENTERPRISE, c.AssignMentor(agreement.id, IIN.parse(M1), start))
    return agreements.record_safety_briefing(ENTERPRISE, c.RecordSafetyBriefing(agreement.id, start, "Safety engineer")).aggregate


def _contract(system: Any, agreement_id: Any) -> Any:
    payments = system.payments
    contract = payments.conclude_contract(COLLEGE, ConcludeContract(
        number="W-MSC-1", college_bin=BIN.parse(C1), mentor_iin=IIN.parse(M1),
        enterprise_bin=BIN.parse(E1), term=DatePeriod(*CURRENT_TERM),
        rate_type=RateType.MONTHLY_PER_TRAINEE, rate=Money.of("20000.00"),
        ceiling=Money.of("500000.00"))).aggregate
    mentor = Principal(Role.MENTOR, M1)
    payments.submit_act(mentor, SubmitAct(contract.id, Month(2026, 9), (agreement_id,),
                                          Decimal(10)))
    payments.approve_act(COLLEGE, ApproveAct(contract.id, 1))
    payments.record_payment(COLLEGE, RecordPayment(contract.id, Money.of("20000.00"),
                                                   "W-PAY-1", TODAY))
    return payments.submit_act(mentor, SubmitAct(contract.id, Month(2026, 10), (agreement_id,),
                                                 Decimal(10))).aggregate


def _reimbursement(system: Any, active: Any, completed: Any) -> dict[str, dict[str, Any]]:
    """Norms for 2024-2025 and 2026-2027, C1's budgets, and claims: W-ACTIVE's September
    2026 submitted ("claim"), W-COMPLETED's September 2024 paid ("paid_claim", W-RB-1) and
    October 2024 approved ("approved_claim"). W-ACTIVE's October 2026 is left to claim."""
    from application.reimbursement import commands as rb
    from domain.reimbursement.records import CostCategory, CostLine
    from domain.shared.academic_year import AcademicYear

    reimbursement = system.reimbursement
    for year in (AcademicYear(2024), AcademicYear(2026)):
        reimbursement.set_norm(ADMIN, rb.SetNorm(year, Money.of("60000.00")))
        reimbursement.set_budget(ADMIN, rb.SetBudget(BIN.parse(C1), year,
                                                     Money.of("500000.00")))

    def claim(agreement: Any, month: Month) -> Any:
        line = CostLine(CostCategory.MATERIALS, Money.of("30000.00"), f"W-INV-{month}")
        return reimbursement.submit_claim(ENTERPRISE, rb.SubmitClaim(agreement.id, month,
                                                                     (line,))).aggregate

    submitted = claim(active, Month(2026, 9))
    paid = claim(completed, Month(2024, 9))
    reimbursement.approve_claim(COLLEGE, rb.ApproveClaim(paid.id))
    reimbursement.record_payment(COLLEGE, rb.RecordClaimPayment(paid.id, "W-RB-1", TODAY))
    approved = claim(completed, Month(2024, 10))
    reimbursement.approve_claim(COLLEGE, rb.ApproveClaim(approved.id))
    return {"claim": {"claim_id": submitted.id},
            "paid_claim": {"claim_id": paid.id, "payment_reference": "W-RB-1"},
            "approved_claim": {"claim_id": approved.id},
            "norms": {"academic_year": "2026-2027"},
            "budget": {"bin": C1, "academic_year": "2026-2027"}}


def memorandum_body(number: str, start: date = date(2026, 1, 1),
                    end: date = date(2028, 12, 31)) -> dict[str, Any]:
    """A patronage memorandum of E1 with C1, as the JSON body of its ``POST``."""
    return {"number": number, "enterprise_bin": E1, "college_bin": C1,
            "valid_from": start.isoformat(), "valid_to": end.isoformat(),
            "sections": {"subject_and_principles": "Patronage of the college",
                         "implementation": "A joint plan each academic year",
                         "obligations": "Practice places, equipment, internships",
                         "term": "Three years", "responsibility": "Under the law"},
            "commitments": [{"kind": "practice_places", "target": 20}, {"kind": "equipment"}]}


def _memoranda(system: Any) -> tuple[Any, Any]:
    from application.patronage import commands as pc
    from domain.patronage.records import Signatory
    from interfaces.web.resources.patronage_memoranda.schemas import MemorandumIn

    def drafted(number: str, *dates: date) -> Any:
        command = pc.DraftMemorandum(**MemorandumIn().load(memorandum_body(number, *dates)))
        return system.patronage.draft(ENTERPRISE, command).aggregate

    later = drafted("W-PM-DRAFT", date(2029, 1, 1), date(2031, 12, 31))
    current = drafted("W-PM-IN-FORCE")
    system.patronage.sign(ENTERPRISE, pc.SignMemorandum(current.id, Signatory.ENTERPRISE))
    system.patronage.sign(COLLEGE, pc.SignMemorandum(current.id, Signatory.COLLEGE))
    return later, current

"""A world with every kind of event the views read, and the figures computed without them.

``build_world`` records, through the real commands, agreements in every state (with
mentor replacement, adjacent practice periods, a repeated compensation reference, a
revoked termination, an amendment moving the start year, a trainee with two
agreements), mentor contracts with approved, rejected, paid and reversed amounts, and
certificates (one superseded). ``expected_*`` compute the monitoring figures from the
aggregates themselves (``load_facts``), found by walking the notification logs: the projection code
plays no part in them. (No tests here: the test_projections_* modules use it.)
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import psycopg
import pytest

from application.agreements import commands as c
from application.mentor_payments import commands as pay
from application.security import Principal
from application.work_experience.commands import CorrectCertificate, IssueCertificate
from domain.agreements.records import Party, TerminationReason
from domain.agreements.terms import TermsChange
from domain.mentor_payments.records import RateType
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN, compose_iin
from domain.shared.money import Money
from domain.work_experience.seniority import ZERO, seniority
from infrastructure.bootstrap import bootstrap
from infrastructure.settings import Settings
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    OTHER_MENTOR_IIN,
    REPRESENTATIVE_IIN,
    active_agreement,
    draft_agreement,
    new_trainee_iin,
    principals,
    record_practice,
    register_mentor,
    register_organisations,
)
from tests.conftest import POSTGRES_URL, TODAY, postgres_settings, require_postgres

THIRD_MENTOR_IIN = compose_iin(date(1979, 7, 1), male=True, serial=104).value
PERSONAL_NAMES = ("Dana Akhmetova", "Serik Nurlanov", "Aigul Sarsenova")
STARTED = {"active", "suspended", "completed", "terminated"}


@dataclass
class World:
    trainee_iins: list[str] = field(default_factory=list)
    mentor_iins: list[str] = field(default_factory=lambda: [
        MENTOR_IIN, OTHER_MENTOR_IIN, THIRD_MENTOR_IIN])
    representative_iins: list[str] = field(default_factory=lambda: [REPRESENTATIVE_IIN])


def _other(**agreement: Any) -> dict[str, Any]:
    return {"college_bin": OTHER_COLLEGE_BIN, "enterprise_bin": OTHER_ENTERPRISE_BIN,
            "mentor_iin": THIRD_MENTOR_IIN, **agreement}


def build_world(system: Any) -> World:
    world = World()
    register_organisations(system)
    register_organisations(system, college_bin=OTHER_COLLEGE_BIN,
                           enterprise_bin=OTHER_ENTERPRISE_BIN, region="71")
    register_mentor(system, iin=OTHER_MENTOR_IIN)
    agreements = system.agreements

    def new(**kwargs: Any) -> Any:
        trainee = kwargs.pop("trainee_iin", None) or new_trainee_iin()
        world.trainee_iins.append(trainee)
        make = draft_agreement if kwargs.pop("draft", False) else active_agreement
        return make(system, trainee_iin=trainee, **kwargs)

    new(draft=True)
    cancelled = new(draft=True)
    agreements.cancel(principals(cancelled).college, c.Cancel(cancelled.id, "entered twice"))
    new(draft=True, representative_iin=REPRESENTATIVE_IIN,
        trainee_iin=new_trainee_iin(date(2010, 4, 2)))

    paid = new()
    record_practice(system, paid, date(2026, 9, 1), date(2026, 9, 15))
    record_practice(system, paid, date(2026, 9, 16), date(2026, 10, 31))  # adjacent: merged
    enterprise = principals(paid).enterprise
    for month, amount, reference in (("2026-09", "85000.00", "R1"), ("2026-10", "90000.50", "R2"),
                                     ("2026-09", "85000.00", "R1")):  # R1 again: once
        agreements.record_compensation(enterprise, c.RecordCompensation(
            paid.id, Month.parse(month), Money.positive(amount), reference))

    replaced = new()
    agreements.assign_mentor(enterprise, c.AssignMentor(replaced.id, IIN.parse(OTHER_MENTOR_IIN), date(2026, 10, 1)))

    suspended = new()
    agreements.suspend(enterprise, c.Suspend(suspended.id, date(2026, 10, 1), "illness", date(2027, 1, 10)))

    revoked = new()
    agreements.suspend(enterprise, c.Suspend(revoked.id, date(2026, 10, 5), "academic leave", date(2027, 2, 1)))
    agreements.terminate(enterprise, c.Terminate(revoked.id, TerminationReason.EXPULSION, date(2026, 10, 20), "by mistake"))
    agreements.revoke_termination(enterprise, c.RevokeTermination(revoked.id, "recorded on the wrong trainee"))

    twice = new_trainee_iin()
    terminated = new(trainee_iin=twice, start=date(2026, 1, 12), end=date(2026, 12, 31))
    record_practice(system, terminated, date(2026, 1, 12), date(2026, 4, 30))
    agreements.terminate(principals(terminated).college, c.Terminate(
        terminated.id, TerminationReason.TRAINEE_REQUEST, date(2026, 5, 15),
        "moved to another city"))
    system.work_experience.issue_certificate(principals(terminated).college,
                                             IssueCertificate(terminated.id))
    new(trainee_iin=twice, start=date(2026, 6, 1), end=date(2027, 5, 31),
        mentor_iin=OTHER_MENTOR_IIN)

    overdue = new(start=date(2025, 9, 1), end=date(2026, 6, 30))
    record_practice(system, overdue, date(2025, 9, 1), date(2026, 3, 31))
    agreements.complete(principals(overdue).college, c.Complete(overdue.id, date(2026, 6, 30)))

    recent = new(**_other(start=date(2025, 11, 3), end=date(2026, 11, 10)))
    record_practice(system, recent, date(2025, 11, 3), date(2026, 5, 31))
    agreements.complete(principals(recent).college, c.Complete(recent.id, date(2026, 11, 10)))

    corrected = new(**_other(start=date(2025, 9, 1), end=date(2026, 6, 30)))
    record_practice(system, corrected, date(2025, 9, 1), date(2026, 4, 30))
    college = principals(corrected).college
    agreements.complete(college, c.Complete(corrected.id, date(2026, 6, 30)))
    issued = system.work_experience.issue_certificate(college, IssueCertificate(corrected.id))
    system.work_experience.supersede_certificate(
        college, CorrectCertificate(issued.certificate.number, "typo in dates"))

    moved = new(draft=True, college_bin=OTHER_COLLEGE_BIN, enterprise_bin=OTHER_ENTERPRISE_BIN)
    agreements.change_terms(principals(moved).college, c.ChangeTerms(moved.id, TermsChange(start_date=date(2027, 2, 1), end_date=date(2027, 12, 31))))

    amended = new(**_other(start=date(2027, 1, 11), end=date(2027, 12, 31)))
    who = principals(amended)
    agreements.propose_amendment(who.college, c.ProposeAmendment(amended.id, TermsChange(start_date=date(2026, 12, 15)), "earlier start agreed"))
    agreements.accept_amendment(who.enterprise, c.AcceptAmendment(amended.id, 1, Party.ENTERPRISE))
    agreements.accept_amendment(who.trainee, c.AcceptAmendment(amended.id, 1, Party.TRAINEE))

    _contracts(system, paid, replaced, recent)
    _reimbursement(system, paid, recent)
    _patronage(system)
    _targeted_orders(system, world)
    return world


def _reimbursement(system: Any, paid: Any, recent: Any) -> None:
    """Claims in every state: C1 (region 35) in 2026-2027, C2 (region 71) in 2025-2026.

    C1: September 2026 paid (60 000.00 of 70 000.00 claimed), October 2026 rejected and
    claimed again (submitted, 20 000.00); budget 100 000.00. C2: December 2025 approved
    (30 000.00), January 2026 paid and the payment returned (approved again, 10 000.00);
    budget 50 000.00, set twice.
    """
    from application.reimbursement import commands as rb
    from domain.reimbursement.records import CostCategory, CostLine
    from domain.shared.academic_year import AcademicYear

    admin, reimbursement = Principal(Role.ADMIN), system.reimbursement
    for year in (AcademicYear(2025), AcademicYear(2026)):
        reimbursement.set_norm(admin, rb.SetNorm(year, Money.of("60000")))
    reimbursement.set_budget(admin, rb.SetBudget(paid.college_bin, AcademicYear(2026),
                                                 Money.of("100000")))
    for amount in ("40000", "50000"):
        reimbursement.set_budget(admin, rb.SetBudget(recent.college_bin, AcademicYear(2025),
                                                     Money.of(amount)))

    def claim(agreement: Any, month: str, amount: str) -> Any:
        line = CostLine(CostCategory.MENTOR_PAY, Money.of(amount), f"INV-{month}")
        return reimbursement.submit_claim(principals(agreement).enterprise, rb.SubmitClaim(
            agreement.id, Month.parse(month), (line,))).aggregate

    college, other = principals(paid).college, principals(recent).college
    september = claim(paid, "2026-09", "70000")
    reimbursement.approve_claim(college, rb.ApproveClaim(september.id))
    reimbursement.record_payment(college, rb.RecordClaimPayment(september.id, "RB1", TODAY))
    october = claim(paid, "2026-10", "25000")
    reimbursement.reject_claim(college, rb.RejectClaim(october.id, "invoice missing"))
    claim(paid, "2026-10", "20000")
    december = claim(recent, "2025-12", "30000")
    reimbursement.approve_claim(other, rb.ApproveClaim(december.id))
    january = claim(recent, "2026-01", "10000")
    reimbursement.approve_claim(other, rb.ApproveClaim(january.id))
    reimbursement.record_payment(other, rb.RecordClaimPayment(january.id, "RB2", TODAY))
    reimbursement.reverse_payment(other, rb.ReverseClaimPayment(january.id, "RB2",
                                                                "account closed"))


def _patronage(system: Any) -> None:
    """A memorandum in force with a delivery of each kind, and a draft."""
    from application.patronage import commands as pc
    from domain.patronage.records import CommitmentKind
    from tests.application.patronage.fixtures import ENTERPRISE, draft, in_force

    memorandum = in_force(system)
    patronage, today = system.patronage, system.patronage.today()
    patronage.record_fulfilment(ENTERPRISE, pc.RecordFulfilment(
        memorandum.id, CommitmentKind.PRACTICE_PLACES, 5, today, "Order No. 5"))
    patronage.record_material_aid(ENTERPRISE, pc.RecordMaterialAid(
        memorandum.id, Money.of("300000"), today, "Welding machines"))
    patronage.record_programme(ENTERPRISE, pc.RecordProgramme(
        memorandum.id, "Welding technology", "07150200", today))
    draft(system, number="PM-DRAFT")



def _targeted_orders(system: Any, world: World) -> None:
    """An accepted targeted order with a withdrawn, an employed and an overdue student."""
    from application.targeted_training import commands as t
    from domain.targeted_training.records import WithdrawalReason
    from tests.application.targeted_training import helpers

    order = helpers.accepted(system, places=3)
    app = system.targeted_training
    students = [helpers.student(serial) for serial in (91, 92, 93)]
    world.trainee_iins.extend(iin.value for iin in students)
    for iin in students:
        app.enrol(helpers.COLLEGE, t.EnrolStudent(order.id, iin, PERSONAL_NAMES[0],
                                                  helpers.ENROLLED_ON))
    app.withdraw(helpers.COLLEGE, t.WithdrawStudent(order.id, students[0], date(2025, 2, 1),
                                                    WithdrawalReason.EXPELLED))
    for iin in students[1:]:
        app.graduate(helpers.COLLEGE, t.GraduateStudent(order.id, iin, date(2026, 4, 30)))
    app.record_employment(helpers.ENTERPRISE, t.RecordEmployment(
        order.id, students[1], date(2026, 5, 4), "Welder"))


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@dataclass
class Built:
    """A world recorded once and projected, shared by the tests of a module that only read."""

    system: Any
    projections: Any
    world: World


@contextmanager
def built_world(backend: str, directory: Path) -> Iterator[Built]:
    """The ``settings``/``system`` fixtures' work, once per module (building takes seconds)."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    if backend == "postgres":
        require_postgres()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
        settings = postgres_settings(schema)
    else:
        settings = Settings.from_env({"DUALTRACK_DATA_DIR": str(directory / "data")})
    try:
        with bootstrap(settings) as system:
            system.pin_today(lambda: TODAY)
            world = build_world(system)
            projections = system.open_projections(batch_size=7)
            try:
                projections.catch_up()
                yield Built(system, projections, world)
            finally:
                projections.close()
    finally:
        if backend == "postgres":
            with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
                connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _contracts(system: Any, paid: Any, replaced: Any, recent: Any) -> None:
    payments = system.payments
    college = Principal(Role.COLLEGE, COLLEGE_BIN)
    contract = payments.conclude_contract(college, pay.ConcludeContract(
        number="MSC-1", college_bin=BIN.parse(COLLEGE_BIN), mentor_iin=IIN.parse(MENTOR_IIN),
        enterprise_bin=BIN.parse(ENTERPRISE_BIN),
        term=DatePeriod(date(2026, 9, 1), date(2027, 6, 30)), rate_type=RateType.HOURLY,
        rate=Money.of("3500.00"), ceiling=Money.of("1000000.00"))).aggregate
    mentor = Principal(Role.MENTOR, MENTOR_IIN)
    payments.submit_act(mentor, pay.SubmitAct(contract.id, Month(2026, 9), (paid.id, replaced.id),
                                          Decimal(20)))
    payments.approve_act(college, pay.ApproveAct(contract.id, 1))
    payments.submit_act(mentor, pay.SubmitAct(contract.id, Month(2026, 10), (paid.id,),
                                          Decimal(10)))
    payments.reject_act(college, pay.RejectAct(contract.id, 2, "hours not in the schedule"))
    payments.record_payment(college, pay.RecordPayment(contract.id, Money.of("50000.00"), "P1",
                                                   date(2026, 10, 10)))
    payments.record_payment(college, pay.RecordPayment(contract.id, Money.of("20000.00"), "P2",
                                                   date(2026, 10, 11)))
    payments.reverse_payment(college, pay.ReversePayment(contract.id, "P2", "account closed"))

    other = Principal(Role.COLLEGE, OTHER_COLLEGE_BIN)
    monthly = payments.conclude_contract(other, pay.ConcludeContract(
        number="MSC-2", college_bin=BIN.parse(OTHER_COLLEGE_BIN),
        mentor_iin=IIN.parse(THIRD_MENTOR_IIN), enterprise_bin=BIN.parse(OTHER_ENTERPRISE_BIN),
        term=DatePeriod(date(2025, 11, 1), date(2026, 11, 30)),
        rate_type=RateType.MONTHLY_PER_TRAINEE, rate=Money.of("25000.00"),
        ceiling=Money.of("300000.00"))).aggregate
    payments.submit_act(Principal(Role.MENTOR, THIRD_MENTOR_IIN), pay.SubmitAct(
        monthly.id, Month(2025, 12), (recent.id,), Decimal(8)))
    payments.approve_act(other, pay.ApproveAct(monthly.id, 1))
    payments.record_payment(other, pay.RecordPayment(monthly.id, Money.of("25000.00"), "P3",
                                                 date(2026, 1, 10)))


# The independent figures ---------------------------------------------------------------

def aggregates(application: Any, topic_suffix: str) -> list[Any]:
    """Every aggregate of the application whose first event's topic ends so."""
    notifications = application.recorder.select_notifications(start=1, limit=1_000_000)
    ids = dict.fromkeys(n.originator_id for n in notifications if n.topic.endswith(topic_suffix))
    return [application.repository.get(aggregate_id) for aggregate_id in ids]


@dataclass
class Facts:
    """The aggregates the figures are computed from, loaded once."""

    agreements: list[Any]
    contracts: list[Any]
    certified: set[Any]
    college_regions: dict[str, str]


def load_facts(system: Any) -> Facts:
    contracts = aggregates(system.payments, "MentorServiceContract.Concluded")
    return Facts(
        agreements=aggregates(system.agreements, "DualTrainingAgreement.Registered"),
        contracts=contracts,
        certified={c.agreement_id for credit in aggregates(system.work_experience,
                                                           "WorkExperienceCredit.Opened")
                   for c in credit.certificates if c.is_valid},
        college_regions={c.college_bin.value: system.participants.organisation(
            c.college_bin).region for c in contracts})


def _closed_on(agreement: Any) -> date | None:
    termination = agreement.termination
    return agreement.completed_on or (termination.effective_date if termination else None)


def expected_dual_training(facts: Facts, group_by: str, today: date = TODAY,
                           year: int | None = None, region: str | None = None) -> list[dict]:
    group_of = {"region": lambda a: a.region, "college": lambda a: a.college_bin.value,
                "enterprise": lambda a: a.enterprise_bin.value,
                "specialty": lambda a: a.specialty_code}[group_by]
    groups: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for agreement in facts.agreements:
        if (year in (None, agreement.start_date.year)) and region in (None, agreement.region):
            groups[(group_of(agreement), agreement.start_date.year)].append(agreement)
    money = _contract_money(facts, group_by, year, region)
    rows = []
    for key in sorted(groups.keys() | money.keys()):
        members = groups.get(key, [])
        rows.append({"group": key[0], "year": key[1], **_agreement_figures(
            members, facts.certified, today), **money.get(key, _no_money(group_by))})
    return rows


def _agreement_figures(members: list[Any], certified: set[Any], today: date) -> dict:
    started = [a for a in members if a.status.value in STARTED]
    mentored = [a for a in started if a.current_mentor_iin]
    mentors = {a.current_mentor_iin for a in mentored}
    practice = ZERO
    for agreement in members:
        practice = practice + seniority([p.period for p in agreement.practice_periods],
                                        agreement.suspended_periods())
    due = [a for a in members if a.status.value in ("completed", "terminated")
           and _closed_on(a) <= today]
    return {
        "enterprises": len({a.enterprise_bin for a in started}),
        **{f"agreements_{status}": sum(1 for a in members if a.status.value == status)
           for status in ("draft", "active", "suspended", "completed", "terminated",
                          "cancelled")},
        "trainees": len({a.trainee_iin for a in started}),
        "trainees_in_training": len({a.trainee_iin for a in started
                                     if a.status.value in ("active", "suspended")}),
        "mentors": len(mentors),
        "trainees_per_mentor": (Decimal(len({a.trainee_iin for a in mentored})) / len(mentors))
        .quantize(Decimal("0.01"), ROUND_HALF_UP) if mentors else None,
        "practice_months": practice.months, "practice_days": practice.days,
        "compensation_paid": sum((a.compensation_total.amount for a in members), Decimal("0.00")),
        "certificates_due": len(due),
        "certificates_issued": sum(1 for a in due if a.id in certified),
        "certificates_overdue": sum(1 for a in due if a.id not in certified
                                    and today > _closed_on(a) + timedelta(days=30)),
    }


def _no_money(group_by: str) -> dict:
    value = None if group_by == "specialty" else Decimal("0.00")
    return {f"mentor_payments_{kind}": value for kind in ("approved", "paid", "reversed")}


def _contract_money(facts: Facts, group_by: str, year: int | None,
                    region: str | None) -> dict[tuple[str, int], dict]:
    if group_by == "specialty":
        return {}
    money: dict[tuple[str, int], dict] = {}
    for contract in facts.contracts:
        college_region = facts.college_regions[contract.college_bin.value]
        group = {"region": college_region, "college": contract.college_bin.value,
                 "enterprise": contract.enterprise_bin.value}[group_by]
        if year not in (None, contract.start_date.year) or region not in (None, college_region):
            continue
        sums = money.setdefault((group, contract.start_date.year), _no_money(group_by))
        sums["mentor_payments_approved"] += contract.approved_total.amount
        sums["mentor_payments_paid"] += contract.paid_total.amount
        sums["mentor_payments_reversed"] += sum(
            (p.amount.amount for p in contract.payments if p.reversed), Decimal("0.00"))
    return money


def shown(figures: list[Any]) -> list[dict]:
    """The projected figures, without the display label, comparable with ``expected_*``."""
    return [{k: v for k, v in f.as_dict().items() if k != "label"} for f in figures]


def expected_certificates(facts: Facts, today: date = TODAY) -> list[dict]:
    """Per region and college with something due: due, issued and overdue."""
    certified = facts.certified
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for agreement in facts.agreements:
        closed = _closed_on(agreement)
        if agreement.status.value not in ("completed", "terminated") or closed > today:
            continue
        sums = counts[(agreement.region, agreement.college_bin.value)]
        sums[0] += 1
        sums[1] += agreement.id in certified
        sums[2] += agreement.id not in certified and today > closed + timedelta(days=30)
    return [{"region": region, "college_bin": college, "due": due, "issued": issued,
             "overdue": overdue}
            for (region, college), (due, issued, overdue) in sorted(counts.items())]


def personal_data(system: Any, facts: Facts) -> set[str]:
    """Every IIN and person's name recorded in the events (trainees, representatives, mentors)."""
    found: set[str] = set()
    for agreement in facts.agreements:
        found |= {agreement.trainee_iin.value, agreement.trainee_name}
        if agreement.representative_iin is not None:
            found |= {agreement.representative_iin.value, agreement.representative_name}
        found |= {assignment.mentor_iin for assignment in agreement.mentor_assignments}
    for mentor in aggregates(system.participants, "Mentor.Registered"):
        found |= {mentor.iin.value, mentor.full_name}
    return found

"""The life stories of the demo's agreements, each played through the applications."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from application.agreements import commands as c
from application.security import SYSTEM, Principal
from application.work_experience.commands import IssueCertificate
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.records import Party, TerminationReason
from domain.agreements.terms import Person
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import RuleViolationError
from domain.shared.identifiers import BIN, IIN, compose_iin
from domain.shared.money import Money
from domain.shared.text import clean_text
from infrastructure.bootstrap import Dualtrack


def first_of_month(day: date, months: int = 0) -> date:
    """The first day of the month ``months`` after (or before, if negative) ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


class AgreementScenarios:
    def __init__(self, system: Dualtrack, today: date) -> None:
        self.system = system
        self.today = today
        self.certificates = 0
        # (college, enterprise, mentor) -> agreements mentored: the demo bills these.
        self.mentored: dict[tuple[str, str, str], list[UUID]] = defaultdict(list)
        self._next_mentor: dict[str, int] = defaultdict(int)
        self.trainee_of_first_active: str | None = None

    def play(self, kind: str, *, number: str, college_bin: str, enterprise_bin: str,
             trainee: dict[str, str], mentor_iins: list[str], specialty: tuple[str, str],
             variant: int) -> DualTrainingAgreement:
        college = Principal(Role.COLLEGE, college_bin, correlation_id="demo")
        enterprise = Principal(Role.ENTERPRISE, enterprise_bin, correlation_id="demo")
        existing = self.system.agreements.find_by_number(BIN.parse(college_bin), number)
        if existing is not None:
            agreement = self.system.agreements.get(college, existing)
            self.certificates += self._count_certificates(agreement)
            return self._remember(agreement)
        start, end = self._term(kind, variant)
        agreement = self.system.agreements.register(college, c.Register(
            number=clean_text(number, "number", max_length=50),
            college_bin=BIN.parse(college_bin), enterprise_bin=BIN.parse(enterprise_bin),
            trainee=_person(trainee), legal_representative=self._representative(trainee, variant),
            specialty_code=specialty[0], qualification=specialty[1], term=DatePeriod(start, end),
            planned_practice_months=4 if kind == "completed_short" else 10,
            workplace="Production workshop No. 2")).aggregate
        story = getattr(self, f"_{kind}")
        story(agreement.id, college, enterprise, start, end, mentor_iins, variant)
        return self._remember(self.system.agreements.get(college, agreement.id))

    def _remember(self, agreement: DualTrainingAgreement) -> DualTrainingAgreement:
        self._remember_mentors(agreement)
        if self.trainee_of_first_active is None and agreement.status.value == "active":
            self.trainee_of_first_active = agreement.trainee_iin.value
        return agreement

    # Terms --------------------------------------------------------------------------

    def _term(self, kind: str, variant: int) -> tuple[date, date]:
        months_ago = {
            "active": 2 + variant % 8, "suspended": 3 + variant % 6, "terminated": 4 + variant % 5,
            "terminated_revoked": 5, "completed": 14 + variant % 10, "completed_short": 16,
            "completed_due": 11 + variant % 3, "draft": -2, "cancelled": -3, "waiting": -1,
        }[kind]
        start = first_of_month(self.today, -months_ago)
        length = 10 if kind.startswith("completed") else 22
        return start, first_of_month(start, length) - timedelta(days=1)

    def _representative(self, trainee: dict[str, str], variant: int) -> Person | None:
        if IIN(trainee["iin"]).age_on(self.today) >= 18:
            return None
        parent = compose_iin(date(1978 + variant % 10, 3, 14), male=variant % 2 == 1,
                             serial=5000 + variant)
        return Person(parent, "Parent of " + clean_text(trainee["full_name"], "full_name"))

    # Stories ------------------------------------------------------------------------

    def _draft(self, agreement_id: UUID, college: Principal, *_: Any) -> None:
        self.system.agreements.sign(college, c.Sign(agreement_id, Party.COLLEGE))

    def _cancelled(self, agreement_id: UUID, college: Principal, *_: Any) -> None:
        self.system.agreements.cancel(college, c.Cancel(agreement_id,
                                                        "the trainee chose another college"))

    def _waiting(self, agreement_id: UUID, college: Principal, enterprise: Principal,
                 start: date, end: date, mentors: list[str], variant: int) -> None:
        self._sign_all(agreement_id, college, enterprise)
        self._assign_mentor(agreement_id, enterprise, start, mentors)

    def _active(self, agreement_id: UUID, college: Principal, enterprise: Principal,
                start: date, end: date, mentors: list[str], variant: int) -> None:
        self._sign_all(agreement_id, college, enterprise)
        self._assign_mentor(agreement_id, enterprise, start, mentors)
        agreements = self.system.agreements
        agreements.record_safety_briefing(enterprise, c.RecordSafetyBriefing(
            agreement_id, start, "Labour protection engineer A. Seitkali"))
        block_start = start
        last_day = min(end, first_of_month(self.today) - timedelta(days=1))
        while block_start <= last_day:
            block_end = min(first_of_month(block_start, 2) - timedelta(days=1), last_day)
            agreements.record_practice_period(enterprise, c.RecordPracticePeriod(
                agreement_id, DatePeriod(block_start, block_end),
                "Trainee " + ("electrician" if variant % 2 else "fitter"),
                "Assists in scheduled maintenance under the mentor's supervision"))
            block_start = block_end + timedelta(days=1)
        if variant % 3 == 0:
            agreements.record_compensation(enterprise, c.RecordCompensation(
                agreement_id, Month.of(start), Money.positive("85000.00"),
                f"CMP-{agreement_id.hex[:8]}-1"))

    def _suspended(self, agreement_id: UUID, college: Principal, *rest: Any) -> None:
        self._active(agreement_id, college, *rest)
        self.system.agreements.suspend(college, c.Suspend(
            agreement_id, self.today, "illness (medical certificate)",
            self.today + timedelta(days=30)))

    def _terminated(self, agreement_id: UUID, college: Principal, enterprise: Principal,
                    *rest: Any) -> None:
        self._active(agreement_id, college, enterprise, *rest)
        variant = rest[-1]
        reason = TerminationReason.EXPULSION if variant % 2 else TerminationReason.TRAINEE_REQUEST
        self.system.agreements.terminate(college, c.Terminate(
            agreement_id, reason, self.today - timedelta(days=2), "Order of the college director"))
        if variant % 2 == 0:
            self._issue_certificate(enterprise, agreement_id)

    def _terminated_revoked(self, agreement_id: UUID, college: Principal, *rest: Any) -> None:
        self._terminated(agreement_id, college, *rest)
        self.system.agreements.revoke_termination(college, c.RevokeTermination(
            agreement_id, "terminated by mistake: the order named another student"))

    def _completed(self, agreement_id: UUID, college: Principal, enterprise: Principal,
                   start: date, end: date, mentors: list[str], variant: int,
                   issue: bool = True, practice_months: int = 10) -> None:
        self._sign_all(agreement_id, college, enterprise)
        self._assign_mentor(agreement_id, enterprise, start, mentors)
        agreements = self.system.agreements
        agreements.record_safety_briefing(enterprise, c.RecordSafetyBriefing(
            agreement_id, start, "Labour protection engineer A. Seitkali"))
        middle = first_of_month(start, min(5, practice_months))
        practice_end = first_of_month(start, practice_months) - timedelta(days=1)
        for first, last in ((start, middle - timedelta(days=1)), (middle, practice_end)):
            if first <= last:
                agreements.record_practice_period(enterprise, c.RecordPracticePeriod(
                    agreement_id, DatePeriod(first, last),
                    "Trainee welder", "Welding of steel structures under supervision"))
        completed_on = min(end + timedelta(days=1 + variant % 5), self.today)
        agreements.complete(college, c.Complete(agreement_id, completed_on))
        if issue and variant % 5 != 0:
            self._issue_certificate(enterprise, agreement_id)

    def _completed_due(self, agreement_id: UUID, college: Principal, enterprise: Principal,
                       start: date, end: date, mentors: list[str], variant: int) -> None:
        self._completed(agreement_id, college, enterprise, start, end, mentors, variant,
                        issue=False)

    def _completed_short(self, agreement_id: UUID, college: Principal, enterprise: Principal,
                         start: date, end: date, mentors: list[str], variant: int) -> None:
        self._completed(agreement_id, college, enterprise, start, end, mentors, variant,
                        practice_months=4)

    # Steps --------------------------------------------------------------------------

    def _sign_all(self, agreement_id: UUID, college: Principal, enterprise: Principal) -> None:
        agreements = self.system.agreements
        agreement = agreements.get(college, agreement_id)
        for party in sorted(agreement.required_parties, key=lambda p: p.value):
            signer = enterprise if party.value == "enterprise" else college
            if party.value == "trainee" and agreement.trainee_iin.value[-1] in "02468":
                signer = Principal(Role.TRAINEE, agreement.trainee_iin.value,
                                   correlation_id="demo")
            agreements.sign(signer, c.Sign(agreement_id, party))

    def _assign_mentor(self, agreement_id: UUID, enterprise: Principal, start: date,
                       mentors: list[str]) -> None:
        """Round robin over the enterprise's mentors, skipping those at their limit."""
        subject = enterprise.subject or ""
        for _ in mentors:
            index = self._next_mentor[subject] % len(mentors)
            self._next_mentor[subject] += 1
            try:
                self.system.agreements.assign_mentor(enterprise, c.AssignMentor(
                    agreement_id, IIN.parse(mentors[index]), start))
                return
            except RuleViolationError:
                continue
        raise RuleViolationError(f"every mentor of {subject} is at the limit")

    def _issue_certificate(self, enterprise: Principal, agreement_id: UUID) -> None:
        self.system.work_experience.issue_certificate(enterprise, IssueCertificate(agreement_id))
        self.certificates += 1

    def _count_certificates(self, agreement: DualTrainingAgreement) -> int:
        credit = self.system.work_experience.credit_for(SYSTEM, agreement.trainee_iin)
        return sum(1 for c in credit.certificates
                   if c.agreement_id == agreement.id and c.superseded_by is None)

    def _remember_mentors(self, agreement: DualTrainingAgreement) -> None:
        for assignment in agreement.mentor_assignments:
            key = (agreement.college_bin.value, agreement.enterprise_bin.value,
                   str(assignment.mentor_iin))
            if agreement.id not in self.mentored[key]:
                self.mentored[key].append(agreement.id)


def _person(raw: dict[str, str]) -> Person:
    """The demo's trainee (strings from ``data``), parsed as the API would."""
    return Person(IIN.parse(raw["iin"]), clean_text(raw["full_name"], "full_name",
                                                     max_length=200))

"""``dualtrack demo``: a realistic sample, loaded through the same commands as the API.

Three regions, their colleges and enterprises, 30 mentors, 200 agreements in every
state, mentor contracts with acts, payments and a reversal, work-experience certificates
(one of them for practice under six months, which earns nothing), and targeted-training
orders in every state with their students and graduates.
Every record has a natural key (BIN, IIN, agreement or contract number), so a second
run finds what the first made and adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TextIO

from application.participants.commands import IssueToken, RegisterMentor, RegisterOrganisation
from application.security import Principal
from domain.participants.access_token import parse_subject
from domain.participants.aggregates import (
    CollegeLeague,
    EnterpriseSize,
    OrganisationKind,
    parse_oked,
)
from domain.shared.audit import Role
from domain.shared.identifiers import BIN, compose_bin, compose_iin
from domain.shared.regions import region_code
from domain.shared.text import clean_text
from infrastructure.bootstrap import Dualtrack
from interfaces.demo.contracts import ContractScenarios
from interfaces.demo.data import (
    COLLEGES,
    ENTERPRISES,
    MENTOR_NAMES,
    SPECIALTIES,
    person_name,
    scenario_for,
)
from interfaces.demo.patronage import PatronageReport, PatronageScenarios
from interfaces.demo.reimbursement import ReimbursementScenarios
from interfaces.demo.scenarios import AgreementScenarios
from interfaces.demo.targeted import TargetedReport, TargetedScenarios
from interfaces.i18n import gettext as _

ADMIN = Principal(Role.ADMIN, correlation_id="demo")


@dataclass
class DemoReport:
    organisations: int = 0
    mentors: int = 0
    agreements: Counter[str] | None = None
    contracts: int = 0
    acts: int = 0
    payments: int = 0
    reversals: int = 0
    certificates: int = 0
    claims: Counter[str] | None = None
    patronage: PatronageReport | None = None
    targeted: TargetedReport | None = None


def run(system: Dualtrack, out: TextIO) -> DemoReport:
    today = system.agreements.today()
    report = DemoReport(agreements=Counter())
    colleges = [_organisation(system, c, "college", report) for c in COLLEGES]
    enterprises = [_organisation(system, e, "enterprise", report) for e in ENTERPRISES]
    mentors = {bin_: _mentors(system, bin_, index, report)
               for index, bin_ in enumerate(enterprises)}
    scenarios = AgreementScenarios(system, today)
    for index in range(200):
        college_index = index % len(colleges)
        enterprise_bin = enterprises[2 * college_index + (index // 3) % 2]
        trainee = compose_iin(date(2005 + index % 5, 1 + index % 12, 1 + index % 27),
                              male=index % 2 == 0, serial=100 + index)
        kind = scenario_for(index)
        agreement = scenarios.play(
            kind, number=f"DT-{today.year}-{index + 1:03d}",
            college_bin=colleges[college_index], enterprise_bin=enterprise_bin,
            trainee={"iin": trainee.value, "full_name": person_name(index)},
            mentor_iins=mentors[enterprise_bin], specialty=SPECIALTIES[index % len(SPECIALTIES)],
            variant=index)
        report.agreements[agreement.status.value] += 1  # type: ignore[index]
    report.certificates = scenarios.certificates
    _contracts(system, scenarios, today, report)
    claims = ReimbursementScenarios(system, today)
    claims.play(sorted({a for ids in scenarios.mentored.values() for a in ids}, key=str))
    report.claims = claims.claims
    report.patronage = _patronage(system, today, colleges, enterprises)
    report.targeted = _targeted(system, today, colleges, enterprises)
    _print(report, system, out)
    _print_tokens(system, out, college=colleges[0], enterprise=enterprises[0],
                  mentor=mentors[enterprises[0]][0],
                  trainee=scenarios.trainee_of_first_active or "",
                  region=COLLEGES[0]["region"])
    return report


def _organisation(system: Dualtrack, spec: dict, kind: str, report: DemoReport) -> str:  # type: ignore[type-arg]
    bin_ = compose_bin(spec["year"], spec["month"], serial=spec["serial"])
    if system.participants.find_organisation(bin_) is None:
        system.participants.register_organisation(ADMIN, RegisterOrganisation(
            bin=bin_, name=clean_text(spec["name"], "name"), kind=OrganisationKind(kind),
            region=region_code(spec["region"]),
            size=EnterpriseSize(spec["size"]) if spec.get("size") else None,
            oked=parse_oked(spec["oked"]) if spec.get("oked") else None,
            league=CollegeLeague(spec["league"]) if spec.get("league") else None))
    report.organisations += 1
    return bin_.value


def _mentors(system: Dualtrack, enterprise_bin: str, index: int, report: DemoReport
             ) -> list[str]:
    enterprise = Principal(Role.ENTERPRISE, enterprise_bin, correlation_id="demo")
    iins = []
    for n in range(5):
        name, position = MENTOR_NAMES[(index * 5 + n) % len(MENTOR_NAMES)]
        iin = compose_iin(date(1975 + (index * 5 + n) % 20, 1 + n, 10 + index),
                          male=n % 2 == 0, serial=7000 + index * 10 + n)
        if not system.participants.is_active_mentor(BIN.parse(enterprise_bin), iin):
            system.participants.register_mentor(enterprise, RegisterMentor(
                enterprise_bin=BIN.parse(enterprise_bin), iin=iin, full_name=name,
                position=position, qualification="6th grade, certified instructor",
                experience_years=8 + n))
        iins.append(iin.value)
        report.mentors += 1
    return iins


def _contracts(system: Dualtrack, scenarios: AgreementScenarios, today: date,
               report: DemoReport) -> None:
    """One paid-services contract per mentor who mentored this year, billed by month."""
    contracts = ContractScenarios(system, today)
    for seq, ((college_bin, enterprise_bin, mentor_iin), agreement_ids) in enumerate(
            sorted(scenarios.mentored.items())):
        contracts.play(seq, college_bin=college_bin, enterprise_bin=enterprise_bin,
                       mentor_iin=mentor_iin, agreement_ids=agreement_ids)
    report.contracts, report.acts = contracts.contracts, contracts.acts
    report.payments, report.reversals = contracts.paid, contracts.reversals


def _patronage(system: Dualtrack, today: date, colleges: list[str],
               enterprises: list[str]) -> PatronageReport:
    """Each region's large enterprise (the first of its two) is a patron of its college."""
    names = {bin_: spec["name"] for bin_, spec in zip(
        [*colleges, *enterprises], [*COLLEGES, *ENTERPRISES], strict=True)}
    large = [bin_ for bin_, spec in zip(enterprises, ENTERPRISES, strict=True)
             if spec.get("size") == "large"]
    return PatronageScenarios(system, today, names).play_all(large=large, colleges=colleges)


def _targeted(system: Dualtrack, today: date, colleges: list[str],
              enterprises: list[str]) -> TargetedReport:
    """Each eligible enterprise orders from its region's college (two per college)."""
    targeted = TargetedScenarios(system, today)
    for index, enterprise_bin in enumerate(enterprises):
        targeted.play(index, enterprise_bin=enterprise_bin, college_bin=colleges[index // 2])
    return targeted.report


def _print(report: DemoReport, system: Dualtrack, out: TextIO) -> None:
    """What was loaded, in the CLI's language (``DUALTRACK_DEFAULT_LOCALE``); the states
    stay the API's machine words, as a client will see them."""
    def counts(found: Mapping[str, int] | None) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted((found or {}).items()))

    def line(text: str) -> None:
        print(f"  {text}", file=out)

    print(_("dualtrack demo loaded into %(store)s", store=system.settings.describe()), file=out)
    line(_("organisations: %(count)s (%(colleges)s colleges, %(enterprises)s enterprises, "
           "regions %(regions)s)", count=report.organisations, colleges=len(COLLEGES),
           enterprises=len(ENTERPRISES),
           regions=", ".join(sorted({c["region"] for c in COLLEGES}))))
    line(_("mentors: %(count)s", count=report.mentors))
    line(_("agreements: %(count)s (%(states)s)", count=sum((report.agreements or {}).values()),
           states=counts(report.agreements)))
    line(_("mentor contracts: %(contracts)s, service acts: %(acts)s, payments: %(payments)s "
           "(reversed: %(reversals)s)", contracts=report.contracts, acts=report.acts,
           payments=report.payments, reversals=report.reversals))
    line(_("work-experience certificates: %(count)s", count=report.certificates))
    line(_("reimbursement claims: %(count)s (%(states)s)",
           count=sum((report.claims or {}).values()), states=counts(report.claims)))
    if report.patronage is not None:
        line(_("patronage memoranda: %(count)s (%(states)s), material aid: %(aid)s KZT",
               count=sum(report.patronage.memoranda.values()),
               states=counts(report.patronage.memoranda), aid=report.patronage.aid))
    if report.targeted is not None:
        line(_("targeted-training orders: %(count)s (%(states)s), students enrolled: "
               "%(enrolled)s, graduates: %(graduates)s, employed: %(employed)s",
               count=sum(report.targeted.orders.values()),
               states=counts(report.targeted.orders), enrolled=report.targeted.enrolments,
               graduates=report.targeted.graduates, employed=report.targeted.employed))


def _print_tokens(system: Dualtrack, out: TextIO, *, college: str, enterprise: str, mentor: str,
                  trainee: str, region: str) -> None:
    """New tokens on every run: only their hashes are stored, so old ones cannot be shown."""
    def issue(role: Role, subject: str | None) -> str:
        command = IssueToken(role, parse_subject(role, subject), "demo")
        return system.participants.issue_token(ADMIN, command)

    tokens = [
        ("admin", issue(Role.ADMIN, None)),
        (f"college {college}", issue(Role.COLLEGE, college)),
        (f"enterprise {enterprise}", issue(Role.ENTERPRISE, enterprise)),
        (f"trainee {trainee}", issue(Role.TRAINEE, trainee)),
        (f"mentor {mentor}", issue(Role.MENTOR, mentor)),
        ("auditor", issue(Role.AUDITOR, None)),
        (f"monitor region {region}", issue(Role.MONITOR, region)),
        ("monitor national", issue(Role.MONITOR, None)),
    ]
    print(_("tokens (shown once; use as 'Authorization: Bearer <token>'):"), file=out)
    for who, token in tokens:
        print(f"  {who:<28} {token}", file=out)

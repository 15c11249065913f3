"""Agreements built directly in the domain (no store), for the domain rule tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.terms import Person, Terms
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import IIN, compose_bin, compose_iin

TODAY = date(2026, 11, 23)
START = date(2026, 1, 12)
END = date(2026, 12, 25)
COLLEGE = compose_bin(2009, 4, serial=1)
ENTERPRISE = compose_bin(2011, 7, serial=2)
ADULT = compose_iin(date(2005, 3, 15), male=False, serial=11)
MINOR = compose_iin(date(2010, 1, 10), male=True, serial=12)
PARENT = compose_iin(date(1982, 8, 9), male=False, serial=13)
MENTOR = compose_iin(date(1980, 5, 17), male=True, serial=14)
OTHER_MENTOR = compose_iin(date(1985, 2, 3), male=False, serial=15)


def terms(*, start_date: date = START, end_date: date = END,
          **changes: Any) -> Terms:
    values = {"specialty_code": "07150200", "qualification": "Electric and gas welder",
              "planned_practice_months": 8, "workplace": "Welding shop No. 2"}
    values.update(changes)
    return Terms(term=DatePeriod(start_date, end_date), **values)


def draft(*, trainee: IIN = ADULT, representative: IIN | None = None,
          today: date = TODAY, **term_changes: Any) -> DualTrainingAgreement:
    return DualTrainingAgreement.register(
        number="DT-1", college_bin=COLLEGE, enterprise_bin=ENTERPRISE, region="35",
        trainee=Person(trainee, "Dana Akhmetova"),
        representative=Person(representative, "Aigul Sarsenova") if representative else None,
        terms=terms(**term_changes), today=today)


def active(**kwargs: Any) -> DualTrainingAgreement:
    agreement = draft(**kwargs)
    for party in agreement.required_parties:
        agreement.sign(party, TODAY)
    return agreement


def ready_for_practice(**kwargs: Any) -> DualTrainingAgreement:
    """Active, with a mentor and a safety briefing from the term start."""
    agreement = active(**kwargs)
    agreement.assign_mentor(MENTOR, agreement.start_date)
    agreement.record_safety_briefing(agreement.start_date, "Labour protection engineer", TODAY)
    return agreement


def practise(agreement: DualTrainingAgreement, start: date, end: date) -> None:
    agreement.record_practice_period(DatePeriod(start, end), "Welder's assistant",
                                     "Tack welding", TODAY)


"""Reimbursement learns the agreements by following their events, exactly once."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from application.agreements import commands as c
from application.errors import ConcurrentWriteError
from application.reimbursement import commands as r
from application.reimbursement.service import Reimbursement
from domain.reimbursement.guards import FollowedAgreement
from domain.shared.calendar import DatePeriod
from tests.application.agreements.fixtures import principals
from tests.application.reimbursement.fixtures import (
    JUNE,
    TODAY,
    costs,
    june_agreement,
    pin,
    set_norm,
)


def another_process(system, cls: type[Reimbursement] = Reimbursement, **kwargs: Any):  # type: ignore[no-untyped-def]
    env = {**system.settings.app_env(cls.name), "POSTGRES_POOL_SIZE": "2"}
    app = cls(env, participants=system.participants, agreements=system.agreements, **kwargs)
    app.clock = lambda: TODAY
    return app


def test_the_facts_come_from_the_agreements_events(system) -> None:  # type: ignore[no-untyped-def]
    pin(system)
    agreement = june_agreement(system)
    system.reimbursement.catch_up()
    facts = system.reimbursement.followed(agreement.id).facts
    assert facts.practice == (DatePeriod(date(2027, 6, 1), date(2027, 6, 30)),)
    assert facts.suspensions == (DatePeriod(date(2027, 6, 16), date(2027, 6, 20)),)
    assert (facts.status, facts.specialty_code, facts.region) == ("active", "07150200", "35")
    events = system.reimbursement.events_of(FollowedAgreement.create_id(agreement.id))
    # Registered (Followed), then only the events that changed a fact: signing and the
    # mentor and briefing change none, activation, practice, suspension, resumption do.
    assert [type(e).__name__ for e in events] == ["Followed", "FactsChanged", "FactsChanged",
                                                   "FactsChanged", "FactsChanged"]


def test_a_practice_period_recorded_later_is_learnt_before_the_next_claim(system) -> None:  # type: ignore[no-untyped-def]
    pin(system)
    set_norm(system)
    agreement = june_agreement(system, suspended=False)
    enterprise = principals(agreement).enterprise
    with pytest.raises(Exception, match="no practice day"):
        system.reimbursement.submit_claim(enterprise, r.SubmitClaim(
            agreement.id, JUNE.next(), costs("100")))
    system.agreements.record_practice_period(enterprise, c.RecordPracticePeriod(
        agreement.id, DatePeriod(date(2027, 7, 1), date(2027, 7, 10)), "Welder", "Welding"))
    made = system.reimbursement.submit_claim(enterprise, r.SubmitClaim(
        agreement.id, JUNE.next(), costs("100000"))).aggregate
    assert (made.practice_days, str(made.payable)) == (10, "19354.84")  # 60000 x 10 / 31


class RacedReimbursement(Reimbursement):
    """Runs ``interruption`` (another writer) just before its own save."""

    name = "reimbursement"  # the same store and tables as the real one

    def __init__(self, *args: Any, interruption: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.interruption = interruption

    def record(self, *aggregates: Any) -> str | None:
        if self.interruption is not None:
            interruption, self.interruption = self.interruption, None
            interruption()
        return super().record(*aggregates)


def test_two_claims_for_one_month_at_once_record_one(system) -> None:  # type: ignore[no-untyped-def]
    pin(system)
    set_norm(system)
    agreement = june_agreement(system)
    enterprise = principals(agreement).enterprise
    system.reimbursement.catch_up()
    submit = r.SubmitClaim(agreement.id, JUNE, costs("1000"))
    raced = another_process(system, RacedReimbursement, interruption=lambda:
                            system.reimbursement.submit_claim(enterprise, submit))
    try:
        raced.catch_up()
        with pytest.raises(ConcurrentWriteError):
            raced.submit_claim(enterprise, submit)
    finally:
        raced.close()


def test_a_claim_reads_the_facts_followed_never_the_agreement(system, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pin(system)
    set_norm(system)
    agreement = june_agreement(system)
    system.reimbursement.catch_up()

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a claim read the agreement aggregate")

    monkeypatch.setattr(system.agreements, "agreement_unchecked", refused)
    monkeypatch.setattr(system.agreements, "get", refused)
    made = system.reimbursement.submit_claim(principals(agreement).enterprise, r.SubmitClaim(
        agreement.id, JUNE, costs("70000"))).aggregate
    assert (made.practice_days, str(made.payable)) == (25, "50000.00")

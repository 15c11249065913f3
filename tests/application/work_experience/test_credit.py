"""Work-experience credit from real agreements, on SQLite and PostgreSQL (DOMAIN.md rules 1-3)."""

from __future__ import annotations

from datetime import date

import pytest

from application.agreements import commands as c
from application.errors import NotFoundError
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.records import TerminationReason
from domain.shared.errors import InvalidValueError, RuleViolationError
from domain.work_experience.seniority import Duration
from tests.application.agreements.fixtures import active_agreement, principals, record_practice


def practised(system, *, start: date, end: date, practice: list[tuple[date, date]],
              **agreement) -> DualTrainingAgreement:
    """An active agreement of a new trainee with ``practice`` recorded in the Annex."""
    current = active_agreement(system, start=start, end=end, **agreement)
    for first, last in practice:
        current = record_practice(system, current, first, last)
    return current


def completed(system, *, start: date, end: date, practice: list[tuple[date, date]],
              **agreement) -> DualTrainingAgreement:
    current = practised(system, start=start, end=end, practice=practice, **agreement)
    return system.agreements.complete(principals(current).college, c.Complete(current.id, end)).aggregate


def with_suspension(system) -> DualTrainingAgreement:
    """Practice, a suspension (July and August 2025), more practice, completion: 9 months."""
    current = practised(system, start=date(2025, 1, 6), end=date(2026, 10, 30),
                        practice=[(date(2025, 2, 1), date(2025, 6, 30))])
    enterprise = principals(current).enterprise
    system.agreements.suspend(enterprise, c.Suspend(current.id, date(2025, 7, 1), "illness", date(2025, 9, 1)))
    system.agreements.resume(enterprise, c.Resume(current.id, date(2025, 9, 1)))
    current = record_practice(system, current, date(2025, 9, 1), date(2025, 12, 31))
    return system.agreements.complete(principals(current).college, c.Complete(current.id, date(2026, 10, 30))).aggregate


def test_practice_suspension_and_completion_give_the_credit_and_its_certificate(system):
    agreement = with_suspension(system)
    who = principals(agreement)

    credit = system.work_experience.credit_for(who.trainee, agreement.trainee_iin.value)
    certificate = system.work_experience.issue_certificate(who.enterprise, agreement.id)

    assert [(p.start, p.end) for p in credit.periods] == [
        (date(2025, 2, 1), date(2025, 6, 30)), (date(2025, 9, 1), date(2025, 12, 31))]
    assert (credit.total, credit.credited, credit.status) == (
        Duration(9, 0), Duration(9, 0), "credited")
    assert credit.agreements[0].suspensions[0].start == date(2025, 7, 1)
    assert certificate.number == f"WEC-{agreement.college_bin}-{agreement.number}-1"
    assert certificate.credited == Duration(9, 0) and certificate.reason is None
    assert certificate.trainee_name == "Dana Akhmetova"
    assert certificate.enterprise_bin == agreement.enterprise_bin
    assert certificate.closed_on == date(2026, 10, 30)
    assert certificate.issued_on == date(2026, 11, 23)
    shown = system.work_experience.credit_for(who.trainee, agreement.trainee_iin.value)
    assert [c.number for c in shown.certificates] == [certificate.number]
    assert shown.as_dict()["certificates"][0]["credited"] == {"months": 9, "days": 0}


def test_a_terminated_agreement_under_six_months_certifies_nothing_and_says_why(system):
    current = practised(system, start=date(2026, 1, 1), end=date(2026, 12, 31),
                        practice=[(date(2026, 1, 1), date(2026, 4, 30))])
    who = principals(current)
    system.agreements.terminate(who.college, c.Terminate(current.id, TerminationReason.TRAINEE_REQUEST, date(2026, 5, 15), "Moved to another city"))

    certificate = system.work_experience.issue_certificate(who.college, current.id)
    credit = system.work_experience.credit_for(who.trainee, current.trainee_iin.value)

    assert certificate.total == Duration(4, 0) and certificate.credited == Duration(0, 0)
    assert "under the minimum of 6 months" in certificate.reason
    assert certificate.agreement_status == "terminated"
    assert certificate.closed_on == date(2026, 5, 15)
    assert credit.status == "below_minimum" and "nothing" in credit.reason


def test_twenty_months_of_practice_are_capped_at_eighteen(system):
    agreement = completed(system, start=date(2024, 9, 1), end=date(2026, 6, 30),
                          practice=[(date(2024, 9, 1), date(2026, 4, 30))])
    who = principals(agreement)

    certificate = system.work_experience.issue_certificate(who.enterprise, agreement.id)
    credit = system.work_experience.credit_for(who.college, agreement.trainee_iin.value)

    assert (certificate.total, certificate.credited) == (Duration(20, 0), Duration(18, 0))
    assert (credit.credited, credit.status) == (Duration(18, 0), "capped")


def test_the_limits_are_configuration(system):
    agreement = completed(system, start=date(2024, 9, 1), end=date(2026, 6, 30),
                          practice=[(date(2024, 9, 1), date(2026, 4, 30))])
    system.work_experience.max_months = 24

    certificate = system.work_experience.issue_certificate(principals(agreement).enterprise,
                                                           agreement.id)

    assert certificate.credited == Duration(20, 0)


def test_while_the_agreement_runs_the_credit_is_in_progress_and_no_certificate_is_issued(system):
    agreement = practised(system, start=date(2026, 1, 1), end=date(2026, 12, 31),
                          practice=[(date(2026, 1, 1), date(2026, 7, 31))])
    who = principals(agreement)

    credit = system.work_experience.credit_for(who.trainee, agreement.trainee_iin.value)

    assert credit.status == "in_progress" and credit.total == Duration(7, 0)
    with pytest.raises(RuleViolationError, match="completed or terminated") as refused:
        system.work_experience.issue_certificate(who.enterprise, agreement.id)
    assert refused.value.rule == "agreement_not_closed"


def test_a_trainee_without_agreements_has_no_practice(system):
    agreement = practised(system, start=date(2026, 9, 1), end=date(2027, 6, 30), practice=[])

    credit = system.work_experience.credit_for(principals(agreement).trainee,
                                               agreement.trainee_iin.value)

    assert credit.status == "no_practice" and credit.periods == ()


def test_a_second_certificate_for_the_same_agreement_is_refused_naming_the_first(system):
    agreement = with_suspension(system)
    who = principals(agreement)
    first = system.work_experience.issue_certificate(who.enterprise, agreement.id)

    with pytest.raises(RuleViolationError, match=first.number) as refused:
        system.work_experience.issue_certificate(who.college, agreement.id)
    assert refused.value.rule == "certificate_already_issued"


def test_a_correction_supersedes_the_certificate_and_both_can_be_looked_up(system):
    agreement = with_suspension(system)
    who = principals(agreement)
    first = system.work_experience.issue_certificate(who.enterprise, agreement.id)

    second = system.work_experience.supersede_certificate(
        who.enterprise, first.number, "The trainee's name was misspelt")

    assert second.number == f"WEC-{agreement.college_bin}-{agreement.number}-2"
    assert (second.supersedes, second.correction_reason) == (
        first.number, "The trainee's name was misspelt")
    old = system.work_experience.certificate(who.college, first.number)
    assert old.superseded_by == second.number and not old.is_valid
    assert system.work_experience.certificate(who.trainee, second.number).is_valid
    with pytest.raises(RuleViolationError, match=f"already superseded by {second.number}"):
        system.work_experience.supersede_certificate(who.enterprise, first.number, "again")
    with pytest.raises(InvalidValueError):
        system.work_experience.supersede_certificate(who.enterprise, second.number, "")


def test_unknown_certificates_and_agreements_are_not_found(system):
    agreement = with_suspension(system)
    who = principals(agreement)

    with pytest.raises(NotFoundError):
        system.work_experience.certificate(who.college, "WEC-000000000000-X-1")
    with pytest.raises(NotFoundError):
        system.work_experience.supersede_certificate(who.college, "WEC-000000000000-X-1", "typo")
    with pytest.raises(NotFoundError):
        system.work_experience.issue_certificate(who.college,
                                                 "00000000-0000-0000-0000-000000000000")


def test_agreement_numbers_that_are_unsafe_in_a_url_give_readable_distinct_numbers(system):
    first = completed(system, start=date(2025, 1, 6), end=date(2025, 12, 31),
                      practice=[(date(2025, 1, 6), date(2025, 7, 5))], number="DT/7")
    second = completed(system, start=date(2025, 1, 6), end=date(2025, 12, 31),
                       practice=[(date(2025, 1, 6), date(2025, 7, 5))], number="DT-7")

    one = system.work_experience.issue_certificate(principals(first).college, first.id)
    two = system.work_experience.issue_certificate(principals(second).college, second.id)

    assert one.number == f"WEC-{first.college_bin}-DT-7-1"
    assert two.number == f"WEC-{first.college_bin}-DT-7-{second.id.hex[:8].upper()}-1"
    assert system.work_experience.certificate(principals(second).college, two.number) == two

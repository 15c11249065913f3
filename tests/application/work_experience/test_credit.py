"""Work-experience credit from real agreements, on SQLite and PostgreSQL (DOMAIN.md rules 1-3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from application.agreements import commands as c
from application.errors import NotFoundError
from application.work_experience.commands import CorrectCertificate, IssueCertificate
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.records import TerminationReason
from domain.work_experience.errors import (
    AgreementNotClosedError,
    CertificateAlreadyIssuedError,
    CertificateSupersededError,
    CorrectionReasonRequiredError,
)
from domain.work_experience.seniority import Duration
from infrastructure.bootstrap import bootstrap
from infrastructure.settings import Settings
from tests.application.agreements.fixtures import active_agreement, principals, record_practice
from tests.conftest import TODAY


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

    credit = system.work_experience.credit_for(who.trainee, agreement.trainee_iin)
    certificate = system.work_experience.issue_certificate(
        who.enterprise, IssueCertificate(agreement.id)).certificate

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
    shown = system.work_experience.credit_for(who.trainee, agreement.trainee_iin)
    assert [c.number for c in shown.certificates] == [certificate.number]
    assert shown.certificates[0].credited == Duration(9, 0)


def test_a_terminated_agreement_under_six_months_certifies_nothing_and_says_why(system):
    current = practised(system, start=date(2026, 1, 1), end=date(2026, 12, 31),
                        practice=[(date(2026, 1, 1), date(2026, 4, 30))])
    who = principals(current)
    system.agreements.terminate(who.college, c.Terminate(current.id, TerminationReason.TRAINEE_REQUEST, date(2026, 5, 15), "Moved to another city"))

    certificate = system.work_experience.issue_certificate(
        who.college, IssueCertificate(current.id)).certificate
    credit = system.work_experience.credit_for(who.trainee, current.trainee_iin)

    assert certificate.total == Duration(4, 0) and certificate.credited == Duration(0, 0)
    assert "under the minimum of 6 months" in certificate.reason
    assert certificate.agreement_status == "terminated"
    assert certificate.closed_on == date(2026, 5, 15)
    assert credit.status == "below_minimum" and "nothing" in credit.reason


def test_twenty_months_of_practice_are_capped_at_eighteen(system):
    agreement = completed(system, start=date(2024, 9, 1), end=date(2026, 6, 30),
                          practice=[(date(2024, 9, 1), date(2026, 4, 30))])
    who = principals(agreement)

    certificate = system.work_experience.issue_certificate(
        who.enterprise, IssueCertificate(agreement.id)).certificate
    credit = system.work_experience.credit_for(who.college, agreement.trainee_iin)

    assert (certificate.total, certificate.credited) == (Duration(20, 0), Duration(18, 0))
    assert (credit.credited, credit.status) == (Duration(18, 0), "capped")


def test_the_limits_are_configuration(system, settings):
    agreement = completed(system, start=date(2024, 9, 1), end=date(2026, 6, 30),
                          practice=[(date(2024, 9, 1), date(2026, 4, 30))])
    limits = Settings.from_env({"DUALTRACK_CREDIT_MAX_MONTHS": "24"})

    with bootstrap(replace(settings, credit_max_months=limits.credit_max_months)) as configured:
        configured.pin_today(lambda: TODAY)
        certificate = configured.work_experience.issue_certificate(
            principals(agreement).enterprise, IssueCertificate(agreement.id)).certificate

    assert certificate.credited == Duration(20, 0)


def test_while_the_agreement_runs_the_credit_is_in_progress_and_no_certificate_is_issued(system):
    agreement = practised(system, start=date(2026, 1, 1), end=date(2026, 12, 31),
                          practice=[(date(2026, 1, 1), date(2026, 7, 31))])
    who = principals(agreement)

    credit = system.work_experience.credit_for(who.trainee, agreement.trainee_iin)

    assert credit.status == "in_progress" and credit.total == Duration(7, 0)
    with pytest.raises(AgreementNotClosedError):
        system.work_experience.issue_certificate(
            who.enterprise, IssueCertificate(agreement.id))


def test_a_trainee_without_agreements_has_no_practice(system):
    agreement = practised(system, start=date(2026, 9, 1), end=date(2027, 6, 30), practice=[])

    credit = system.work_experience.credit_for(principals(agreement).trainee, agreement.trainee_iin)

    assert credit.status == "no_practice" and credit.periods == ()


def test_a_second_certificate_for_the_same_agreement_is_refused_naming_the_first(system):
    agreement = with_suspension(system)
    who = principals(agreement)
    first = system.work_experience.issue_certificate(
        who.enterprise, IssueCertificate(agreement.id)).certificate

    with pytest.raises(CertificateAlreadyIssuedError) as refused:
        system.work_experience.issue_certificate(
            who.college, IssueCertificate(agreement.id))
    assert first.number in refused.value.message


def test_a_correction_supersedes_the_certificate_and_both_can_be_looked_up(system):
    agreement = with_suspension(system)
    who = principals(agreement)
    first = system.work_experience.issue_certificate(
        who.enterprise, IssueCertificate(agreement.id)).certificate

    second = system.work_experience.supersede_certificate(
        who.enterprise,
        CorrectCertificate(first.number, "The trainee's name was misspelt")).certificate

    assert second.number == f"WEC-{agreement.college_bin}-{agreement.number}-2"
    assert (second.supersedes, second.correction_reason) == (
        first.number, "The trainee's name was misspelt")
    old = system.work_experience.certificate(who.college, first.number)
    assert old.superseded_by == second.number and not old.is_valid
    assert system.work_experience.certificate(who.trainee, second.number).is_valid
    with pytest.raises(CertificateSupersededError):
        system.work_experience.supersede_certificate(
            who.enterprise, CorrectCertificate(first.number, "again"))
    with pytest.raises(CorrectionReasonRequiredError):
        system.work_experience.supersede_certificate(
            who.enterprise, CorrectCertificate(second.number, " "))


def test_unknown_certificates_and_agreements_are_not_found(system):
    agreement = with_suspension(system)
    who = principals(agreement)

    with pytest.raises(NotFoundError):
        system.work_experience.certificate(who.college, "WEC-000000000000-X-1")
    with pytest.raises(NotFoundError):
        system.work_experience.supersede_certificate(
            who.college, CorrectCertificate("WEC-000000000000-X-1", "typo"))
    with pytest.raises(NotFoundError):
        system.work_experience.issue_certificate(
            who.college, IssueCertificate(UUID(int=0)))


def test_agreement_numbers_that_are_unsafe_in_a_url_give_readable_distinct_numbers(system):
    first = completed(system, start=date(2025, 1, 6), end=date(2025, 12, 31),
                      practice=[(date(2025, 1, 6), date(2025, 7, 5))], number="DT/7")
    second = completed(system, start=date(2025, 1, 6), end=date(2025, 12, 31),
                       practice=[(date(2025, 1, 6), date(2025, 7, 5))], number="DT-7")

    one = system.work_experience.issue_certificate(
        principals(first).college, IssueCertificate(first.id)).certificate
    two = system.work_experience.issue_certificate(
        principals(second).college, IssueCertificate(second.id)).certificate

    assert one.number == f"WEC-{first.college_bin}-DT-7-1"
    assert two.number == f"WEC-{first.college_bin}-DT-7-{second.id.hex[:8].upper()}-1"
    assert system.work_experience.certificate(principals(second).college, two.number) == two

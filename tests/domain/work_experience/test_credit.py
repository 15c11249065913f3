"""WorkExperienceCredit: per-agreement facts and certificates (DOMAIN.md rules 2-3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID, uuid4

import pytest

from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, IIN
from domain.work_experience import errors
from domain.work_experience.agreement_practice import AgreementPractice
from domain.work_experience.certificate import (
    CODE_ALPHABET,
    CODE_LENGTH,
    CertificateNumber,
    certificate_number,
    normalise_code,
)
from domain.work_experience.credit import WorkExperienceCredit
from domain.work_experience.seniority import Duration

TRAINEE = IIN("050315500004")
COLLEGE = BIN("220940000007")
ENTERPRISE = BIN("180541000900")
LIMITS = {"min_months": 6, "max_months": 18}


def p(start: str, end: str) -> DatePeriod:
    return DatePeriod(date.fromisoformat(start), date.fromisoformat(end))


def entry(agreement_id: UUID, *, status: str = "completed", practice=None,
          suspensions=(), closed_on: date | None = date(2026, 6, 30),
          number: str = "DT-1") -> AgreementPractice:
    if practice is None:
        practice = [p("2025-09-01", "2026-05-31")]
    return AgreementPractice(agreement_id, number, COLLEGE, ENTERPRISE, "35", status,
                             tuple(practice), tuple(suspensions), closed_on)


def credit_with(*entries: AgreementPractice) -> WorkExperienceCredit:
    credit = WorkExperienceCredit(trainee_iin=TRAINEE, trainee_name="Aigerim Bekova")
    for item in entries:
        credit.record_agreement(item, "Aigerim Bekova")
    return credit


def issue(credit: WorkExperienceCredit, agreement_id: UUID, on: date = date(2026, 7, 1)):
    number = credit.next_certificate_number(agreement_id)
    return credit.issue_certificate(agreement_id, number=number, issued_on=on, **LIMITS)


def test_the_credit_id_is_natural_from_the_iin() -> None:
    assert credit_with().id == WorkExperienceCredit.create_id("050315500004")


def test_unchanged_agreement_facts_record_nothing() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id, status="active", closed_on=None))
    version = credit.version

    changed = credit.record_agreement(
        entry(agreement_id, status="active", closed_on=None,
              practice=[p("2025-09-01", "2026-05-31")]), "Aigerim Bekova")

    assert not changed and credit.version == version


def test_changed_facts_replace_the_agreement_entry() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id, status="active", closed_on=None))

    assert credit.record_agreement(entry(agreement_id), "Aigerim Bekova")
    assert credit.agreement(agreement_id).status == "completed"


def test_a_certificate_is_issued_only_for_a_completed_or_terminated_agreement() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id, status="active", closed_on=None))

    with pytest.raises(errors.AgreementNotClosedError):
        credit.next_certificate_number(agreement_id)
    with pytest.raises(errors.AgreementNotClosedError):
        credit.issue_certificate(agreement_id, number="WEC-X-1", issued_on=date(2026, 7, 1),
                                 **LIMITS)


def test_a_certificate_waits_for_a_termination_that_takes_effect_later() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id, status="terminated", closed_on=date(2026, 8, 1)))

    with pytest.raises(errors.AgreementNotClosedError):
        issue(credit, agreement_id, on=date(2026, 7, 1))
    assert issue(credit, agreement_id, on=date(2026, 8, 1)).closed_on == date(2026, 8, 1)


def test_the_certificate_states_the_periods_the_total_and_the_credit() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id, suspensions=[p("2025-12-01", "2026-01-31")]))

    certificate = issue(credit, agreement_id)

    assert certificate.number == f"WEC-{COLLEGE}-DT-1-1"
    assert certificate.periods == (p("2025-09-01", "2025-11-30"), p("2026-02-01", "2026-05-31"))
    assert certificate.total == Duration(7, 0) and certificate.credited == Duration(7, 0)
    assert certificate.reason is None
    assert (certificate.trainee_iin, certificate.trainee_name) == (TRAINEE, "Aigerim Bekova")
    assert (certificate.college_bin, certificate.enterprise_bin) == (COLLEGE, ENTERPRISE)
    assert certificate.issued_on == date(2026, 7, 1) and certificate.is_valid


def test_under_six_months_the_certificate_credits_nothing_and_says_why() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id, practice=[p("2025-09-01", "2025-12-31")]))

    certificate = issue(credit, agreement_id)

    assert certificate.total == Duration(4, 0) and certificate.credited == Duration(0, 0)
    assert "under the minimum of 6 months" in certificate.reason


def test_twenty_months_are_certified_as_eighteen() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id, practice=[p("2024-09-01", "2026-04-30")]))

    certificate = issue(credit, agreement_id)

    assert (certificate.total, certificate.credited) == (Duration(20, 0), Duration(18, 0))


def test_issuing_twice_is_refused_naming_the_existing_certificate() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id))
    first = issue(credit, agreement_id)

    with pytest.raises(errors.CertificateAlreadyIssuedError) as refused:
        credit.issue_certificate(agreement_id, number="WEC-other", issued_on=date(2026, 7, 2),
                                 **LIMITS)
    assert first.number in refused.value.message


def test_a_correction_supersedes_the_certificate_and_both_stay() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id))
    first = issue(credit, agreement_id)
    credit.record_agreement(entry(agreement_id, practice=[p("2025-09-01", "2026-06-30")]),
                            "Aigerim Bekova")

    second = credit.supersede_certificate(
        first.number, "June was left out of the Annex",
        new_number=credit.next_certificate_number(agreement_id), issued_on=date(2026, 7, 5),
        **LIMITS)

    assert second.number == f"WEC-{COLLEGE}-DT-1-2" and second.supersedes == first.number
    assert second.correction_reason == "June was left out of the Annex"
    assert second.total == Duration(10, 0)
    old = credit.certificate(first.number)
    assert old.superseded_by == second.number and old.total == Duration(9, 0)
    assert credit.valid_certificate(agreement_id) == second


def test_a_superseded_certificate_cannot_be_corrected_again() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id))
    first = issue(credit, agreement_id)
    credit.supersede_certificate(first.number, "typo", new_number="WEC-2",
                                 issued_on=date(2026, 7, 2), **LIMITS)

    with pytest.raises(errors.CertificateSupersededError):
        credit.supersede_certificate(first.number, "again", new_number="WEC-3",
                                     issued_on=date(2026, 7, 3), **LIMITS)


def test_a_correction_needs_a_reason() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id))
    first = issue(credit, agreement_id)

    with pytest.raises(errors.CorrectionReasonRequiredError) as refused:
        credit.supersede_certificate(first.number, "  ", new_number="WEC-2",
                                     issued_on=date(2026, 7, 2), **LIMITS)
    assert refused.value.field == "reason"


def test_certificate_numbers_are_safe_in_a_url_and_can_be_told_apart() -> None:
    agreement_id = UUID("12345678-1234-5678-1234-567812345678")

    assert certificate_number(COLLEGE, "DT/2026 No.7", 1) == f"WEC-{COLLEGE}-DT-2026-No-7-1"
    assert certificate_number(COLLEGE, "DT/7", 2, agreement_id) == (
        f"WEC-{COLLEGE}-DT-7-12345678-2")


def test_a_certificate_number_is_an_index_with_a_natural_id() -> None:
    index = CertificateNumber(number="WEC-1", trainee_iin=TRAINEE, agreement_id=uuid4())

    assert index.id == CertificateNumber.create_id("WEC-1")


def test_each_certificate_gets_its_own_code_of_unambiguous_characters() -> None:
    agreement_id = uuid4()
    credit = credit_with(entry(agreement_id))
    first = issue(credit, agreement_id)
    second = credit.supersede_certificate(
        first.number, "typo", new_number=credit.next_certificate_number(agreement_id),
        issued_on=date(2026, 7, 5), **LIMITS)

    for code in (first.verification_code, second.verification_code):
        assert code is not None and len(code) == CODE_LENGTH + 2 and code.count("-") == 2
        assert set(code.replace("-", "")) <= set(CODE_ALPHABET)
        assert not set(code) & set("01OIL")
    assert first.verification_code != second.verification_code
    # The code is in the event, so the certificate replays with it.
    replayed = None
    for event in credit.collect_events():
        replayed = event.mutate(replayed)
    assert replayed is not None and replayed.certificates == credit.certificates


def test_a_code_matches_as_typed_in_any_case_with_or_without_dashes() -> None:
    agreement_id = uuid4()
    certificate = issue(credit_with(entry(agreement_id)), agreement_id)
    code = certificate.verification_code
    assert code is not None

    assert certificate.has_code(code) and certificate.has_code(code.lower())
    assert certificate.has_code(code.replace("-", "")) and certificate.has_code(
        code.replace("-", " "))
    assert not certificate.has_code(code[:-1]) and not certificate.has_code("")
    assert not certificate.has_code(code[:-1] + ("2" if code[-1] != "2" else "3"))
    assert normalise_code("0" * CODE_LENGTH) == ""  # not of the alphabet: matches nothing


def test_a_certificate_issued_before_codes_existed_has_none_and_matches_no_code() -> None:
    agreement_id = uuid4()
    issued = issue(credit_with(entry(agreement_id)), agreement_id)
    old = replace(issued, verification_code=None)

    assert not old.has_code("") and not old.has_code("2222-2222-2222")
    assert not old.has_code(str(issued.verification_code))

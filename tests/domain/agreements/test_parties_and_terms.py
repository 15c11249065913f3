"""Parties and terms of an agreement (DOMAIN.md DualTrainingAgreement, parties; rule 2)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreements.agreement import AgreementStatus, Party
from domain.agreements.terms import is_practice_plan_flagged
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import compose_iin
from tests.domain.agreements.builders import ADULT, MINOR, PARENT, draft


def test_a_new_agreement_is_a_draft_at_terms_version_1():
    agreement = draft()
    assert agreement.status is AgreementStatus.DRAFT
    assert agreement.terms_version == 1
    assert agreement.signed_by == set()


def test_a_minor_trainee_needs_a_legal_representative():
    with pytest.raises(InvalidValueError) as error:
        draft(trainee=MINOR)
    assert error.value.field == "legal_representative"


def test_minority_is_computed_from_the_iin_on_the_day_of_registration():
    turns_18_on = date(2028, 1, 10)
    assert draft(trainee=MINOR, representative=PARENT).trainee_is_minor
    assert not draft(trainee=MINOR, today=turns_18_on).trainee_is_minor


def test_a_minor_s_representative_is_a_required_party():
    agreement = draft(trainee=MINOR, representative=PARENT)
    assert Party.LEGAL_REPRESENTATIVE in agreement.required_parties
    assert Party.LEGAL_REPRESENTATIVE not in draft().required_parties


def test_the_legal_representative_must_be_an_adult():
    teenager = compose_iin(date(2009, 6, 1), male=True, serial=77)
    with pytest.raises(InvalidValueError) as error:
        draft(trainee=MINOR, representative=teenager)
    assert error.value.rule == "representative_not_adult"
    assert error.value.field == "legal_representative.iin"


def test_the_legal_representative_must_be_another_person():
    with pytest.raises(InvalidValueError) as error:
        draft(trainee=MINOR, representative=MINOR)
    assert error.value.rule == "representative_is_trainee"


def test_an_adult_trainee_has_no_legal_representative():
    with pytest.raises(InvalidValueError) as error:
        draft(trainee=ADULT, representative=PARENT)
    assert error.value.rule == "representative_not_needed"


CREDITED = (6, 18)  # the default of Settings.credit_min_months/credit_max_months


@pytest.mark.parametrize("months", [5, 19, 1])
def test_planned_practice_outside_6_to_18_months_is_accepted_but_flagged(months):
    agreement = draft(planned_practice_months=months)
    assert is_practice_plan_flagged(agreement.planned_practice_months, CREDITED)


@pytest.mark.parametrize("months", [6, 12, 18])
def test_planned_practice_of_6_to_18_months_is_not_flagged(months):
    agreement = draft(planned_practice_months=months)
    assert not is_practice_plan_flagged(agreement.planned_practice_months, CREDITED)


def test_the_flag_follows_the_configured_range():
    assert is_practice_plan_flagged(7, (9, 18))
    assert not is_practice_plan_flagged(9, (9, 18))


def test_a_term_that_ends_before_it_starts_is_refused_naming_end_date():
    with pytest.raises(InvalidValueError) as error:
        draft(start_date=date(2026, 9, 1), end_date=date(2026, 8, 31))
    assert error.value.field == "end_date"

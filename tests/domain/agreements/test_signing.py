"""Rule 1: the same version of the terms is signed by all; active agreements change by amendment."""

from __future__ import annotations

from datetime import date

import pytest

from domain.agreements import errors
from domain.agreements.agreement import AgreementStatus, Party
from domain.agreements.records import AmendmentStatus
from domain.agreements.terms import TermsChange
from tests.domain.agreements.builders import (
    MINOR,
    PARENT,
    TODAY,
    active,
    draft,
    practise,
    ready_for_practice,
)


def test_the_agreement_activates_when_every_required_party_has_signed():
    agreement = draft()
    agreement.sign(Party.COLLEGE, TODAY)
    agreement.sign(Party.ENTERPRISE, TODAY)
    assert agreement.status is AgreementStatus.DRAFT
    agreement.sign(Party.TRAINEE, TODAY)
    assert agreement.status is AgreementStatus.ACTIVE
    assert agreement.activated_on == TODAY


def test_a_minor_s_agreement_waits_for_the_legal_representative_s_signature():
    agreement = draft(trainee=MINOR, representative=PARENT)
    for party in (Party.COLLEGE, Party.ENTERPRISE, Party.TRAINEE):
        agreement.sign(party, TODAY)
    assert agreement.status is AgreementStatus.DRAFT
    agreement.sign(Party.LEGAL_REPRESENTATIVE, TODAY)
    assert agreement.status is AgreementStatus.ACTIVE


def test_changing_the_terms_of_a_draft_clears_the_signatures_of_the_old_version():
    agreement = draft()
    agreement.sign(Party.COLLEGE, TODAY)
    agreement.sign(Party.ENTERPRISE, TODAY)
    agreement.change_terms(TermsChange(workplace="Assembly shop"))
    assert agreement.terms_version == 2
    assert agreement.signed_by == set()
    agreement.sign(Party.TRAINEE, TODAY)
    assert agreement.status is AgreementStatus.DRAFT


def test_changing_nothing_is_refused_and_keeps_the_signatures():
    agreement = draft()
    agreement.sign(Party.COLLEGE, TODAY)
    with pytest.raises(ValueError):
        agreement.change_terms(TermsChange(workplace="Welding shop No. 2"))
    assert agreement.signed_by == {Party.COLLEGE}


def test_a_party_signs_a_version_once():
    agreement = draft()
    agreement.sign(Party.COLLEGE, TODAY)
    with pytest.raises(errors.AlreadySignedError):
        agreement.sign(Party.COLLEGE, TODAY)


def test_an_adult_s_agreement_has_no_legal_representative_to_sign():
    with pytest.raises(errors.NotAPartyError):
        draft().sign(Party.LEGAL_REPRESENTATIVE, TODAY)


def test_an_active_agreement_s_terms_change_only_by_amendment():
    agreement = active()
    with pytest.raises(errors.AgreementStatusError):
        agreement.change_terms(TermsChange(workplace="Assembly shop"))


def test_an_amendment_takes_effect_when_the_other_organisation_and_the_trainee_accepted():
    agreement = active()
    number = agreement.propose_amendment(TermsChange(workplace="Assembly shop"), "Shop moved",
                                         Party.COLLEGE)
    agreement.accept_amendment(number, Party.ENTERPRISE)
    assert agreement.workplace == "Welding shop No. 2"
    assert agreement.accept_amendment(number, Party.TRAINEE)
    assert agreement.workplace == "Assembly shop"
    assert agreement.terms_version == 2
    assert agreement.amendments[-1].status is AmendmentStatus.EFFECTIVE
    assert agreement.signed_by == {Party.COLLEGE, Party.ENTERPRISE, Party.TRAINEE}


def test_a_minor_s_amendment_is_accepted_by_the_legal_representative():
    agreement = active(trainee=MINOR, representative=PARENT)
    number = agreement.propose_amendment(TermsChange(workplace="Assembly shop"), "Shop moved",
                                         Party.ENTERPRISE)
    with pytest.raises(errors.AmendmentAcceptorError):
        agreement.accept_amendment(number, Party.TRAINEE)
    agreement.accept_amendment(number, Party.COLLEGE)
    agreement.accept_amendment(number, Party.LEGAL_REPRESENTATIVE)
    assert agreement.workplace == "Assembly shop"


def test_only_an_organisation_proposes_an_amendment():
    with pytest.raises(errors.AmendmentProposerError):
        active().propose_amendment(TermsChange(workplace="x"), "why", Party.TRAINEE)


def test_one_amendment_waits_at_a_time():
    agreement = active()
    agreement.propose_amendment(TermsChange(workplace="Assembly shop"), "Shop moved", Party.COLLEGE)
    with pytest.raises(errors.AmendmentPendingError):
        agreement.propose_amendment(TermsChange(qualification="Fitter"), "Changed", Party.ENTERPRISE)


def test_an_amendment_cannot_move_the_term_away_from_recorded_practice():
    agreement = ready_for_practice()
    practise(agreement, date(2026, 2, 1), date(2026, 3, 31))
    with pytest.raises(errors.TermExcludesRecordsError):
        agreement.propose_amendment(TermsChange(start_date=date(2026, 3, 1)), "Late start",
                                    Party.COLLEGE)


def test_an_amended_term_is_checked_again_at_acceptance_against_practice_recorded_since():
    agreement = ready_for_practice()
    number = agreement.propose_amendment(TermsChange(end_date=date(2026, 6, 30)), "Shorter term",
                                         Party.COLLEGE)
    practise(agreement, date(2026, 7, 1), date(2026, 7, 31))
    agreement.accept_amendment(number, Party.ENTERPRISE)
    with pytest.raises(errors.TermExcludesRecordsError):
        agreement.accept_amendment(number, Party.TRAINEE)

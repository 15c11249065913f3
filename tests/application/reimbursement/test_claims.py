"""Claims end to end: the worked example, one claim per month, decisions, budget, payment."""

from __future__ import annotations

import pytest

from application.errors import NotFoundError, PermissionDeniedError
from application.reimbursement import commands as r
from application.security import Principal
from domain.reimbursement import errors
from domain.reimbursement.records import ClaimStatus
from domain.shared.audit import Role
from domain.shared.money import Money
from tests.application.agreements.fixtures import ADMIN, OTHER_ENTERPRISE_BIN
from tests.application.reimbursement.fixtures import (
    TODAY,
    YEAR,
    claim,
    college_of,
    june_agreement,
    pin,
    set_budget,
    set_norm,
)


@pytest.fixture
def june(system):  # type: ignore[no-untyped-def]
    pin(system)
    set_norm(system, "60000")
    agreement = june_agreement(system)
    set_budget(system, agreement.college_bin, "1000000")
    return agreement


def test_the_worked_example_pays_50000_of_70000_and_40000_of_40000(system, june) -> None:  # type: ignore[no-untyped-def]
    over = claim(system, june, "30000", "40000")
    assert (over.practice_days, over.claimed, over.norm, over.payable) == (
        25, Money.of("70000"), Money.of("60000"), Money.of("50000.00"))
    system.reimbursement.reject_claim(college_of(june), r.RejectClaim(over.id, "split it"))
    under = claim(system, june, "40000")
    assert (under.practice_days, under.payable) == (25, Money.of("40000.00"))


def test_one_claim_per_agreement_and_month_unless_the_earlier_was_rejected(system, june) -> None:  # type: ignore[no-untyped-def]
    first = claim(system, june)
    with pytest.raises(errors.DuplicateClaimError):
        claim(system, june)
    system.reimbursement.approve_claim(college_of(june), r.ApproveClaim(first.id))
    with pytest.raises(errors.DuplicateClaimError):
        claim(system, june)


def test_only_the_agreements_enterprise_claims_and_another_one_gets_not_found(system, june) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError):
        claim(system, june, by=Principal(Role.ENTERPRISE, OTHER_ENTERPRISE_BIN))
    with pytest.raises(PermissionDeniedError):
        claim(system, june, by=college_of(june))


def test_the_claim_is_read_by_its_parties_and_auditors_only(system, june) -> None:  # type: ignore[no-untyped-def]
    made = claim(system, june)
    assert system.reimbursement.get(college_of(june), made.id).payable == Money.of("40000")
    assert system.reimbursement.get(Principal(Role.AUDITOR), made.id).id == made.id
    with pytest.raises(NotFoundError):
        system.reimbursement.get(Principal(Role.ENTERPRISE, OTHER_ENTERPRISE_BIN), made.id)
    with pytest.raises(PermissionDeniedError):
        system.reimbursement.get(ADMIN, made.id)


def test_an_approval_over_the_remaining_budget_is_refused_saying_what_remains(system) -> None:  # type: ignore[no-untyped-def]
    pin(system)
    set_norm(system, "60000")
    agreement = june_agreement(system)
    made = claim(system, agreement, "70000")
    with pytest.raises(errors.BudgetExceededError) as none:
        system.reimbursement.approve_claim(college_of(agreement), r.ApproveClaim(made.id))
    assert "0.00 remains" in str(none.value)
    set_budget(system, agreement.college_bin, "30000")
    set_budget(system, agreement.college_bin, "45000.50")  # replaces the earlier one
    with pytest.raises(errors.BudgetExceededError) as short:
        system.reimbursement.approve_claim(college_of(agreement), r.ApproveClaim(made.id))
    assert "45000.50 remains" in str(short.value)
    assert system.reimbursement.get(college_of(agreement), made.id).status is \
        ClaimStatus.SUBMITTED
    set_budget(system, agreement.college_bin, "50000")
    system.reimbursement.approve_claim(college_of(agreement), r.ApproveClaim(made.id))
    budget = system.reimbursement.budget(college_of(agreement), agreement.college_bin, YEAR)
    assert (budget.amount, budget.remaining) == (Money.of("50000"), Money.zero())
    amounts = [str(e.amount) for e in system.reimbursement.reference_history(budget)
               if type(e).__name__ == "AmountSet"]
    assert amounts == ["30000.00", "45000.50", "50000.00"]


def test_a_payment_settles_once_by_reference_and_a_reversal_reopens_it(system, june) -> None:  # type: ignore[no-untyped-def]
    college = college_of(june)
    made = claim(system, june)
    system.reimbursement.approve_claim(college, r.ApproveClaim(made.id))
    paid = system.reimbursement.record_payment(college, r.RecordClaimPayment(
        made.id, "PP-77", TODAY))
    again = system.reimbursement.record_payment(college, r.RecordClaimPayment(
        made.id, "PP-77", TODAY))
    assert (paid.new, again.new, again.aggregate.version) == (True, False, paid.aggregate.version)
    assert again.aggregate.paid == Money.of("40000")
    reversed_ = system.reimbursement.reverse_payment(college, r.ReverseClaimPayment(
        made.id, "PP-77", "account closed"))
    assert reversed_.aggregate.status is ClaimStatus.APPROVED
    with pytest.raises(NotFoundError):
        system.reimbursement.reverse_payment(college, r.ReverseClaimPayment(
            made.id, "PP-00", "?"))


def test_another_college_may_not_decide_the_claim(system, june) -> None:  # type: ignore[no-untyped-def]
    from tests.application.agreements.fixtures import OTHER_COLLEGE_BIN

    made = claim(system, june)
    with pytest.raises(NotFoundError):
        system.reimbursement.approve_claim(Principal(Role.COLLEGE, OTHER_COLLEGE_BIN),
                                           r.ApproveClaim(made.id))
    with pytest.raises(PermissionDeniedError):
        system.reimbursement.approve_claim(Principal(Role.ENTERPRISE,
                                                     june.enterprise_bin.value),
                                           r.ApproveClaim(made.id))


def test_reference_data_is_the_admins(system) -> None:  # type: ignore[no-untyped-def]
    pin(system)
    with pytest.raises(PermissionDeniedError):
        system.reimbursement.set_norm(Principal(Role.COLLEGE, "x"),
                                      r.SetNorm(YEAR, Money.of("1")))
    set_norm(system, "60000")
    set_norm(system, "90000", "07150200")
    norms = system.reimbursement.norms(Principal(Role.ENTERPRISE, "x"), YEAR)
    assert (norms.norm_for("07150200"), norms.norm_for("1")) == (Money.of("90000"),
                                                                 Money.of("60000"))

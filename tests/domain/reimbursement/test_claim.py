"""Rule 4: decision, payment and reversal; rule 1: reference data; the claim-month guard."""

from datetime import date
from uuid import uuid4

import pytest

from domain.reimbursement import errors
from domain.reimbursement.guards import ClaimedMonth
from domain.reimbursement.records import ClaimStatus
from domain.reimbursement.reference import ReimbursementBudget, ReimbursementNorms
from domain.shared.academic_year import AcademicYear
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money
from tests.domain.reimbursement.builders import COLLEGE, JUNE, TODAY, a_claim, norms


def test_the_college_approves_the_payable_amount() -> None:
    claim = a_claim("70000")
    assert claim.approve(TODAY) == Money.of("60000")
    assert (claim.status, claim.approved_amount) == (ClaimStatus.APPROVED, Money.of("60000"))
    with pytest.raises(errors.ClaimDecidedError):
        claim.reject("late", TODAY)


def test_a_rejection_names_its_reason_and_ends_the_claim() -> None:
    claim = a_claim()
    claim.reject("no invoices attached", TODAY)
    assert (claim.status, claim.rejection_reason) == (ClaimStatus.REJECTED,
                                                      "no invoices attached")
    with pytest.raises(errors.ClaimDecidedError):
        claim.approve(TODAY)


def test_a_payment_settles_an_approved_claim_once_by_its_reference() -> None:
    claim = a_claim("40000")
    with pytest.raises(errors.NotApprovedError):
        claim.record_payment("PP-1", TODAY, TODAY)
    claim.approve(TODAY)
    assert claim.record_payment("PP-1", TODAY, TODAY) is True
    assert (claim.status, claim.paid) == (ClaimStatus.PAID, Money.of("40000"))
    assert claim.record_payment("PP-1", TODAY, TODAY) is False
    assert len(claim.payments) == 1
    with pytest.raises(errors.NotApprovedError):
        claim.record_payment("PP-2", TODAY, TODAY)


def test_a_payment_is_not_dated_in_the_future_nor_before_the_approval() -> None:
    claim = a_claim()
    claim.approve(TODAY)
    with pytest.raises(errors.FuturePaymentError):
        claim.record_payment("PP-1", date(2027, 7, 16), TODAY)
    with pytest.raises(errors.PaidBeforeApprovalError):
        claim.record_payment("PP-1", date(2027, 7, 14), TODAY)


def test_a_returned_payment_is_a_reversal_and_reopens_the_claim() -> None:
    claim = a_claim("40000")
    claim.approve(TODAY)
    claim.record_payment("PP-1", TODAY, TODAY)
    claim.reverse_payment("PP-1", "account closed", TODAY)
    assert (claim.status, claim.paid) == (ClaimStatus.APPROVED, Money.zero())
    assert claim.payments[0].reversal_reason == "account closed"
    with pytest.raises(errors.AlreadyReversedError):
        claim.reverse_payment("PP-1", "again", TODAY)
    with pytest.raises(errors.PaymentReferenceReusedError):
        claim.record_payment("PP-1", TODAY, TODAY)
    assert claim.record_payment("PP-2", TODAY, TODAY) is True
    with pytest.raises(errors.UnknownPaymentError):
        claim.reverse_payment("PP-9", "?", TODAY)


def test_one_claim_per_agreement_and_month_unless_the_earlier_was_rejected() -> None:
    agreement, first, second = uuid4(), uuid4(), uuid4()
    guard = ClaimedMonth(agreement_id=agreement, month=JUNE)
    guard.take(first)
    with pytest.raises(errors.DuplicateClaimError):
        guard.take(second)
    guard.release(first)
    guard.take(second)
    assert guard.claim_id == second
    assert guard.id == ClaimedMonth.create_id(agreement, JUNE)


def test_approvals_may_not_exceed_the_remaining_budget_and_say_what_remains() -> None:
    budget = ReimbursementBudget(college_bin=COLLEGE, academic_year=AcademicYear(2026))
    budget.set_amount(Money.of("100000"))
    budget.charge(uuid4(), Money.of("60000"))
    with pytest.raises(errors.BudgetExceededError) as refused:
        budget.charge(uuid4(), Money.of("40000.01"))
    assert "40000.00 remains" in str(refused.value)
    budget.charge(uuid4(), Money.of("40000"))
    assert budget.remaining == Money.zero()
    assert budget.id == ReimbursementBudget.create_id(COLLEGE, AcademicYear(2026))
    assert norms().id == ReimbursementNorms.create_id(AcademicYear(2026))


def test_a_later_budget_for_the_year_replaces_the_earlier() -> None:
    budget = ReimbursementBudget(college_bin=COLLEGE, academic_year=AcademicYear(2026))
    budget.set_amount(Money.of("100000"))
    budget.set_amount(Money.of("250000"))
    assert budget.amount == Money.of("250000")
    assert [type(e).__name__ for e in budget.collect_events()] == \
        ["Opened", "AmountSet", "AmountSet"]
    with pytest.raises(InvalidValueError):
        budget.set_amount(Money.of("0"))


def test_a_later_norm_replaces_the_earlier_for_its_year_and_specialty() -> None:
    table = norms("60000", s07150200="90000")
    table.set_norm(Money.of("65000"), None)
    assert table.norm_for("07150200") == Money.of("90000")
    assert table.norm_for("01010100") == Money.of("65000")
    with pytest.raises(InvalidValueError):
        table.set_norm(Money.of("-1"), None)

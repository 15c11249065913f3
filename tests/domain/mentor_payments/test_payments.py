"""MentorServiceContract: payments and their reversals (rules 3 and 4), all gross."""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.mentor_payments import errors
from domain.mentor_payments.ledger import ContractLedger
from domain.mentor_payments.records import ActStatus, ServiceAct
from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money
from tests.domain.mentor_payments.test_contract import TODAY, a_contract


def an_approved_contract(hours: str = "10", **terms: object):
    """A contract at 2500/hour with one approved act (25 000.00 for ten hours)."""
    contract = a_contract(**terms)
    contract.submit_act(month=Month(2026, 10), agreement_ids=[uuid4()], hours=Decimal(hours),
                        submitted_by="mentor", today=TODAY)
    contract.approve_act(1)
    contract.collect_events()
    return contract


def pay(contract, amount: str, reference: str = "PP-1", paid_on: date = TODAY) -> bool:
    return contract.record_payment(amount=Money.of(amount), payment_reference=reference,
                                   paid_on=paid_on, today=TODAY)


def test_a_payment_against_approved_acts_is_recorded_with_its_reference_and_date() -> None:
    contract = an_approved_contract()
    assert pay(contract, "10000", "PP-1", date(2026, 11, 20)) is True
    payment = contract.payments[0]
    assert (payment.payment_reference, payment.amount, payment.paid_on, payment.reversed) == \
        ("PP-1", Money.of("10000"), date(2026, 11, 20), False)
    assert contract.paid_total == Money.of("10000")
    assert contract.approved_unpaid == Money.of("15000")


def test_a_payment_cannot_exceed_what_is_approved_and_unpaid() -> None:
    contract = an_approved_contract()
    pay(contract, "20000", "PP-1")
    with pytest.raises(errors.OverpaymentError, match=r"\(5000.00\)"):
        pay(contract, "5000.01", "PP-2")


def test_submitted_but_unapproved_acts_cannot_be_paid() -> None:
    contract = a_contract()
    contract.submit_act(month=Month(2026, 10), agreement_ids=[uuid4()], hours=Decimal(10),
                        submitted_by="mentor", today=TODAY)
    with pytest.raises(errors.OverpaymentError):
        pay(contract, "1")


def test_after_a_reversal_and_a_repayment_nothing_beyond_the_approved_total_can_be_paid(
) -> None:
    contract = an_approved_contract(hours="16", ceiling=Money.of("40000"))
    pay(contract, "40000", "PP-1")
    contract.reverse_payment("PP-1", reason="account closed", reversed_on=TODAY)
    pay(contract, "40000", "PP-2")
    with pytest.raises(errors.OverpaymentError):
        pay(contract, "0.01", "PP-3")
    assert contract.paid_total == contract.ceiling


def test_the_total_paid_never_exceeds_the_ceiling_even_if_more_were_approved() -> None:
    # Approvals stop at the ceiling, so no contract reaches this state: the ledger is
    # checked alone, to show that its ceiling rule holds by itself (DOMAIN.md, rule 4).
    ledger = ContractLedger()
    ledger.number, ledger.ceiling = "MS-1", Money.of("30000")
    ledger.term = DatePeriod(date(2026, 9, 1), date(2027, 6, 30))
    ledger.acts = [ServiceAct(number=1, month=Month(2026, 10), agreement_ids=(uuid4(),),
                              hours=Decimal(16), amount=Money.of("40000"),
                              status=ActStatus.APPROVED, submitted_by="mentor")]
    ledger.payments = []
    with pytest.raises(errors.CeilingError):
        ledger.check_payment(amount=Money.of("30000.01"), payment_reference="PP-1",
                             paid_on=TODAY, today=TODAY)
    assert ledger.check_payment(amount=Money.of("30000"), payment_reference="PP-1",
                                paid_on=TODAY, today=TODAY) is True


def test_a_payment_dated_in_the_future_is_refused() -> None:
    with pytest.raises(errors.FuturePaymentError) as error:
        pay(an_approved_contract(), "100", paid_on=date(2026, 11, 24))
    assert error.value.field == "paid_on"


def test_a_payment_dated_before_the_contract_term_is_refused() -> None:
    with pytest.raises(errors.PaidBeforeTermError):
        pay(an_approved_contract(), "100", paid_on=date(2026, 8, 31))


@pytest.mark.parametrize("amount", ["0", "-100"])
def test_a_payment_needs_a_positive_amount(amount: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        pay(an_approved_contract(), amount)
    assert (error.value.field, error.value.rule) == ("amount", "positive")


def test_the_same_reference_and_amount_twice_records_the_payment_once() -> None:
    contract = an_approved_contract()
    pay(contract, "10000", "PP-1")
    contract.collect_events()
    assert pay(contract, "10000", "PP-1") is False
    assert contract.collect_events() == [] and len(contract.payments) == 1


def test_the_same_reference_with_another_amount_is_refused() -> None:
    contract = an_approved_contract()
    pay(contract, "10000", "PP-1")
    with pytest.raises(errors.PaymentReferenceReusedError, match="10000.00"):
        pay(contract, "9000", "PP-1")


def test_a_returned_payment_is_reversed_with_a_reason_and_reopens_its_amount() -> None:
    contract = an_approved_contract()
    pay(contract, "25000", "PP-1")
    contract.reverse_payment("PP-1", reason="returned by the bank: closed account",
                             reversed_on=TODAY)
    payment = contract.payments[0]
    assert payment.reversed and payment.reversal_reason.startswith("returned")
    assert contract.paid_total == Money.zero() and contract.approved_unpaid == Money.of("25000")
    assert pay(contract, "25000", "PP-2") is True


def test_a_payment_is_reversed_only_once() -> None:
    contract = an_approved_contract()
    pay(contract, "25000", "PP-1")
    contract.reverse_payment("PP-1", reason="returned", reversed_on=TODAY)
    with pytest.raises(errors.AlreadyReversedError):
        contract.reverse_payment("PP-1", reason="returned again", reversed_on=TODAY)


def test_a_reversal_needs_a_recorded_reference() -> None:
    contract = an_approved_contract()
    pay(contract, "25000", "PP-1")
    with pytest.raises(errors.UnknownPaymentError, match="'PP-9'"):
        contract.reverse_payment("PP-9", reason="returned", reversed_on=TODAY)

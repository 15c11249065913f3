"""Payments to the mentor and their reversals (rules 3 and 4), recorded by the college."""

from datetime import date

import pytest

from application.errors import NotFoundError, PermissionDeniedError
from application.mentor_payments.commands import RecordPayment, ReversePayment
from application.security import Principal
from domain.mentor_payments.errors import (
    AlreadyReversedError,
    FuturePaymentError,
    OverpaymentError,
    PaymentReferenceReusedError,
)
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money
from tests.application.agreements.fixtures import OTHER_COLLEGE_BIN
from tests.application.mentor_payments.test_acts import approve, submit_act
from tests.application.mentor_payments.test_contracts import COLLEGE, MENTOR, conclude


def approved_contract(system, hours: str = "10", **terms):
    """A contract with act 1 approved: 25 000.00 at 2500/hour for ten hours."""
    contract = conclude(system, **terms)
    submit_act(system, contract, hours=hours)
    return approve(system, contract, 1)


def pay(system, contract, amount: str, reference: str = "KZ-PP-0001",
        paid_on: date = date(2026, 11, 20), by: Principal = COLLEGE):
    return paying(system, contract, amount, reference, paid_on, by).aggregate


def paying(system, contract, amount: str, reference: str = "KZ-PP-0001",
           paid_on: date = date(2026, 11, 20), by: Principal = COLLEGE):
    """What recording the payment did (``Recorded``)."""
    return system.payments.record_payment(by, RecordPayment(contract.id, Money.of(amount),
                                                            reference, paid_on))


def reverse(system, contract, reference: str, reason: str, *, by: Principal = COLLEGE):
    return system.payments.reverse_payment(by, ReversePayment(contract.id, reference,
                                                              reason)).aggregate


def test_the_college_records_a_payment_against_approved_acts(system) -> None:
    contract = pay(system, approved_contract(system), "10000.00")
    payment = contract.payments[-1]
    assert (payment.payment_reference, str(payment.amount), str(payment.paid_on)) == \
        ("KZ-PP-0001", "10000.00", "2026-11-20")
    assert contract.paid_total == Money.of("10000")
    assert contract.approved_unpaid == Money.of("15000")


def test_a_payment_cannot_exceed_what_is_approved_and_unpaid(system) -> None:
    contract = approved_contract(system)
    with pytest.raises(OverpaymentError):
        pay(system, contract, "25000.01")


def test_the_same_reference_and_amount_twice_records_the_payment_once(system) -> None:
    first = paying(system, approved_contract(system), "10000")
    again = paying(system, first.aggregate, "10000.00")
    assert (first.new, again.new, again.position) == (True, False, None)
    contract = again.aggregate
    assert contract.version == first.aggregate.version and len(contract.payments) == 1
    assert len(system.payments.history(COLLEGE, contract.id)) == contract.version


def test_the_same_reference_with_another_amount_is_refused(system) -> None:
    contract = pay(system, approved_contract(system), "10000")
    with pytest.raises(PaymentReferenceReusedError, match="10000.00"):
        pay(system, contract, "9000")


def test_a_payment_dated_after_today_is_refused_naming_the_field(system) -> None:
    with pytest.raises(FuturePaymentError) as error:
        pay(system, approved_contract(system), "100", paid_on=date(2026, 11, 24))
    assert error.value.field == "paid_on"


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_a_payment_of_nothing_is_refused_naming_the_field(system, amount) -> None:
    with pytest.raises(InvalidValueError) as error:
        pay(system, approved_contract(system), amount)
    assert error.value.field == "amount"


def test_only_the_contracts_college_records_and_reverses_payments(system) -> None:
    contract = approved_contract(system)
    with pytest.raises(PermissionDeniedError):
        pay(system, contract, "100", by=MENTOR)
    with pytest.raises(NotFoundError):
        pay(system, contract, "100", by=Principal(Role.COLLEGE, OTHER_COLLEGE_BIN))
    pay(system, contract, "100")
    with pytest.raises(PermissionDeniedError):
        reverse(system, contract, "KZ-PP-0001", "returned", by=MENTOR)


def test_a_returned_payment_is_reversed_with_a_reason_and_reopens_its_amount(system) -> None:
    contract = pay(system, approved_contract(system), "25000")
    reversed_ = reverse(system, contract, "KZ-PP-0001", "returned by the bank: account closed")
    payment = reversed_.payments[-1]
    assert payment.reversed and payment.reversal_reason == "returned by the bank: account closed"
    assert reversed_.paid_total == Money.zero()
    assert reversed_.approved_unpaid == Money.of("25000")
    assert pay(system, reversed_, "25000", reference="KZ-PP-0002").paid_total == Money.of("25000")


def test_a_payment_reference_is_reversed_once(system) -> None:
    contract = pay(system, approved_contract(system), "25000")
    reverse(system, contract, "KZ-PP-0001", "returned")
    with pytest.raises(AlreadyReversedError):
        reverse(system, contract, "KZ-PP-0001", "returned")


def test_reversing_an_unknown_payment_is_not_found(system) -> None:
    contract = approved_contract(system)
    with pytest.raises(NotFoundError, match="KZ-PP-9999"):
        reverse(system, contract, "KZ-PP-9999", "returned")


def test_a_contract_read_from_a_snapshot_equals_the_one_replayed_from_events(system) -> None:
    contract = pay(system, approved_contract(system), "25000")
    reverse(system, contract, "KZ-PP-0001", "returned")
    replayed = system.payments.get(COLLEGE, contract.id)
    system.payments.take_snapshot(contract.id)
    from_snapshot = system.payments.get(COLLEGE, contract.id)
    assert (from_snapshot.acts, from_snapshot.payments, from_snapshot.version) == \
        (replayed.acts, replayed.payments, replayed.version)
    assert from_snapshot.approved_unpaid == Money.of("25000")

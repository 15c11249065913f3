"""Payments to the mentor and their reversals (rules 3 and 4), recorded by the college."""

import pytest

from application.errors import NotFoundError, PermissionDeniedError
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError, RuleViolationError
from domain.shared.money import Money
from tests.application.agreements.fixtures import OTHER_COLLEGE_BIN
from tests.application.mentor_payments.test_acts import submit_act
from tests.application.mentor_payments.test_contracts import COLLEGE, MENTOR, conclude


def approved_contract(system, hours: str = "10", **terms):
    """A contract with act 1 approved: 25 000.00 at 2500/hour for ten hours."""
    contract = conclude(system, **terms)
    submit_act(system, contract, hours=hours)
    return system.payments.approve_act(COLLEGE, contract.id, 1)


def pay(system, contract, amount: str, reference: str = "KZ-PP-0001",
        paid_on: str = "2026-11-20", by: Principal = COLLEGE):
    return system.payments.record_payment(by, contract.id, amount=amount,
                                          payment_reference=reference, paid_on=paid_on)


def test_the_college_records_a_payment_against_approved_acts(system) -> None:
    contract = pay(system, approved_contract(system), "10000.00")
    payment = contract.payments[-1]
    assert (payment.payment_reference, str(payment.amount), str(payment.paid_on)) == \
        ("KZ-PP-0001", "10000.00", "2026-11-20")
    assert contract.paid_total == Money.of("10000")
    assert contract.approved_unpaid == Money.of("15000")


def test_a_payment_cannot_exceed_what_is_approved_and_unpaid(system) -> None:
    contract = approved_contract(system)
    with pytest.raises(RuleViolationError, match="approved and unpaid"):
        pay(system, contract, "25000.01")


def test_the_same_reference_and_amount_twice_records_the_payment_once(system) -> None:
    contract = pay(system, approved_contract(system), "10000")
    again = pay(system, contract, "10000.00")
    assert again.version == contract.version and len(again.payments) == 1
    assert len(system.payments.history(COLLEGE, contract.id)) == contract.version


def test_the_same_reference_with_another_amount_is_refused(system) -> None:
    contract = pay(system, approved_contract(system), "10000")
    with pytest.raises(RuleViolationError, match="already recorded with amount 10000.00"):
        pay(system, contract, "9000")


@pytest.mark.parametrize(("field", "values"), [
    ("paid_on", {"paid_on": "2026-11-24"}), ("paid_on", {"paid_on": "20.11.2026"}),
    ("amount", {"amount": "-5"}), ("amount", {"amount": 10.5}),
    ("payment_reference", {"reference": "  "}),
])
def test_malformed_payments_are_refused_naming_the_field(system, field, values) -> None:
    with pytest.raises(InvalidValueError) as error:
        pay(system, approved_contract(system), **{"amount": "100", **values})
    assert error.value.field == field


def test_only_the_contracts_college_records_and_reverses_payments(system) -> None:
    contract = approved_contract(system)
    with pytest.raises(PermissionDeniedError):
        pay(system, contract, "100", by=MENTOR)
    with pytest.raises(NotFoundError):
        pay(system, contract, "100", by=Principal(Role.COLLEGE, OTHER_COLLEGE_BIN))
    pay(system, contract, "100")
    with pytest.raises(PermissionDeniedError):
        system.payments.reverse_payment(MENTOR, contract.id, "KZ-PP-0001", "returned")


def test_a_returned_payment_is_reversed_with_a_reason_and_reopens_its_amount(system) -> None:
    contract = pay(system, approved_contract(system), "25000")
    reversed_ = system.payments.reverse_payment(COLLEGE, contract.id, "KZ-PP-0001",
                                                "returned by the bank: account closed")
    payment = reversed_.payments[-1]
    assert payment.reversed and payment.reversal_reason == "returned by the bank: account closed"
    assert reversed_.paid_total == Money.zero()
    assert reversed_.approved_unpaid == Money.of("25000")
    assert pay(system, reversed_, "25000", reference="KZ-PP-0002").paid_total == Money.of("25000")


def test_a_payment_reference_is_reversed_once(system) -> None:
    contract = pay(system, approved_contract(system), "25000")
    system.payments.reverse_payment(COLLEGE, contract.id, "KZ-PP-0001", "returned")
    with pytest.raises(RuleViolationError, match="already reversed"):
        system.payments.reverse_payment(COLLEGE, contract.id, "KZ-PP-0001", "returned")


def test_reversing_an_unknown_payment_is_not_found(system) -> None:
    contract = approved_contract(system)
    with pytest.raises(NotFoundError, match="KZ-PP-9999"):
        system.payments.reverse_payment(COLLEGE, contract.id, "KZ-PP-9999", "returned")


def test_a_contract_read_from_a_snapshot_equals_the_one_replayed_from_events(system) -> None:
    contract = pay(system, approved_contract(system), "25000")
    system.payments.reverse_payment(COLLEGE, contract.id, "KZ-PP-0001", "returned")
    replayed = system.payments.get(COLLEGE, contract.id)
    system.payments.take_snapshot(contract.id)
    from_snapshot = system.payments.get(COLLEGE, contract.id)
    assert (from_snapshot.acts, from_snapshot.payments, from_snapshot.version) == \
        (replayed.acts, replayed.payments, replayed.version)
    assert from_snapshot.approved_unpaid == Money.of("25000")

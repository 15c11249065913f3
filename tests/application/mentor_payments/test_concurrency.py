"""No double billing under concurrent requests: two processes on one store race."""

from decimal import Decimal

import pytest

from application.errors import ConcurrentWriteError
from application.mentor_payments.commands import SubmitAct
from domain.mentor_payments.errors import DoubleBillingError
from domain.mentor_payments.guards import MentorBilling
from domain.shared.calendar import Month
from tests.application.agreements.fixtures import active_agreement
from tests.application.mentor_payments.test_contracts import (
    COLLEGE,
    MENTOR,
    conclude,
    second_process,  # noqa: F401 - a fixture
)

OCTOBER = Month(2026, 10)


def test_two_contracts_of_one_mentor_billing_one_agreement_month_at_once_record_one(
        system, second_process) -> None:  # noqa: F811
    first, second = conclude(system, number="MS-1"), conclude(system, number="MS-2")
    agreement_ids = (active_agreement(system).id,)
    # The second process loads its contract and the mentor's billing guard and stops
    # before saving; the first then bills the same agreement-month and saves.
    second_process.submit_act(MENTOR, SubmitAct(second.id, OCTOBER, agreement_ids, Decimal(8)))
    act = system.payments.submit_act(
        MENTOR, SubmitAct(first.id, OCTOBER, agreement_ids, Decimal(8))).aggregate.acts[-1]
    with pytest.raises(ConcurrentWriteError):
        second_process.release()
    assert system.payments.get(MENTOR, second.id).acts == []
    billing = system.payments.repository.get(MentorBilling.create_id(MENTOR.subject))
    assert billing.holder(act.agreement_ids[0], act.month)["contract_number"] == "MS-1"
    with pytest.raises(DoubleBillingError, match="contract MS-1"):
        system.payments.submit_act(MENTOR, SubmitAct(second.id, OCTOBER, agreement_ids,
                                                     Decimal(8)))


def test_a_first_act_racing_on_a_mentor_without_billing_yet_still_records_one(
        system, second_process) -> None:  # noqa: F811
    first, second = conclude(system, number="MS-1"), conclude(system, number="MS-2")
    agreement_ids = (active_agreement(system).id,)
    second_process.submit_act(COLLEGE, SubmitAct(second.id, OCTOBER, agreement_ids, Decimal(8)))
    system.payments.submit_act(COLLEGE, SubmitAct(first.id, OCTOBER, agreement_ids, Decimal(8)))
    with pytest.raises(ConcurrentWriteError):
        second_process.release()
    assert [len(system.payments.get(COLLEGE, c.id).acts) for c in (first, second)] == [1, 0]

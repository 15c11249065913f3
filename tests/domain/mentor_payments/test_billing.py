"""Guards across mentor service contracts: one bill per agreement-month per mentor."""

from datetime import date
from uuid import uuid4

import pytest

from domain.mentor_payments.errors import DoubleBillingError
from domain.mentor_payments.guards import ContractNumber, MentorBilling
from domain.shared.calendar import Month
from domain.shared.identifiers import compose_bin, compose_iin

MENTOR = compose_iin(date(1985, 3, 2), male=True, serial=7)
OCTOBER = Month(2026, 10)


def test_an_agreement_month_billed_under_one_contract_is_refused_under_another_naming_it() -> None:
    billing, agreement = MentorBilling(mentor_iin=MENTOR), uuid4()
    billing.bill(contract_id=uuid4(), contract_number="MS-1", act_number=3, month=OCTOBER,
                 agreement_ids=[agreement])
    with pytest.raises(DoubleBillingError, match="act 3 of contract MS-1"):
        billing.bill(contract_id=uuid4(), contract_number="MS-2", act_number=1,
                     month=OCTOBER, agreement_ids=[uuid4(), agreement])


def test_the_same_agreement_may_be_billed_for_another_month() -> None:
    billing, agreement = MentorBilling(mentor_iin=MENTOR), uuid4()
    for month in (OCTOBER, OCTOBER.next()):
        billing.bill(contract_id=uuid4(), contract_number="MS-1", act_number=1, month=month,
                     agreement_ids=[agreement])
    assert billing.holder(agreement, OCTOBER.next()) is not None


def test_a_released_agreement_month_can_be_billed_again() -> None:
    billing, agreement, contract = MentorBilling(mentor_iin=MENTOR), uuid4(), uuid4()
    billing.bill(contract_id=contract, contract_number="MS-1", act_number=1, month=OCTOBER,
                 agreement_ids=[agreement])
    billing.release(contract_id=contract, act_number=1, month=OCTOBER,
                    agreement_ids=[agreement])
    billing.bill(contract_id=uuid4(), contract_number="MS-2", act_number=1, month=OCTOBER,
                 agreement_ids=[agreement])
    assert billing.holder(agreement, OCTOBER)["contract_number"] == "MS-2"


def test_a_release_frees_only_what_that_act_holds() -> None:
    billing, agreement = MentorBilling(mentor_iin=MENTOR), uuid4()
    billing.bill(contract_id=uuid4(), contract_number="MS-1", act_number=1, month=OCTOBER,
                 agreement_ids=[agreement])
    billing.release(contract_id=uuid4(), act_number=1, month=OCTOBER, agreement_ids=[agreement])
    assert billing.holder(agreement, OCTOBER) is not None


def test_guards_have_natural_ids_so_concurrent_writers_meet_on_one_sequence() -> None:
    college = compose_bin(2009, 4, serial=1)
    assert MentorBilling(mentor_iin=MENTOR).id == MentorBilling.create_id(str(MENTOR))
    assert ContractNumber(college_bin=college, number="MS-1", contract_id=uuid4()).id == \
        ContractNumber.create_id(college.value, "MS-1")

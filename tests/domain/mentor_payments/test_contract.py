"""MentorServiceContract: the contract itself and its service acts (rules 1 and 2)."""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.mentor_payments import errors
from domain.mentor_payments.contract import MentorServiceContract
from domain.mentor_payments.records import ActStatus, RateType, parse_hours
from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import compose_bin, compose_iin
from domain.shared.money import Money

TODAY = date(2026, 11, 23)
OCTOBER = Month(2026, 10)


def a_contract(**overrides: object) -> MentorServiceContract:
    terms: dict[str, object] = dict(
        number="MS-1", college_bin=compose_bin(2009, 4, serial=1),
        mentor_iin=compose_iin(date(1985, 3, 2), male=True, serial=7),
        enterprise_bin=compose_bin(2011, 6, serial=2),
        term=DatePeriod(date(2026, 9, 1), date(2027, 6, 30)), rate_type=RateType.HOURLY,
        rate=Money.of("2500"),
        ceiling=Money.of("500000"))
    terms.update(overrides)
    return MentorServiceContract.conclude(**terms)  # type: ignore[arg-type]


def submit(contract: MentorServiceContract, *, month: Month = OCTOBER, agreements=None,
           hours: str = "10"):
    return contract.submit_act(month=month, agreement_ids=agreements or [uuid4()],
                               hours=Decimal(hours), submitted_by="mentor", today=TODAY)


def test_a_concluded_contract_keeps_its_parties_term_rate_and_ceiling() -> None:
    contract = a_contract()
    assert contract.number == "MS-1"
    assert (contract.start_date, contract.end_date) == (date(2026, 9, 1), date(2027, 6, 30))
    assert contract.rate_type is RateType.HOURLY and contract.ceiling == Money.of("500000")
    assert contract.acts == [] and contract.payments == []


@pytest.mark.parametrize("field", ["rate", "ceiling"])
def test_a_contract_needs_a_positive_rate_and_ceiling(field: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        a_contract(**{field: Money.of("0")})
    assert error.value.field == field


def test_a_contract_term_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidValueError) as error:
        a_contract(term=DatePeriod(date(2026, 9, 1), date(2026, 8, 31)))
    assert (error.value.field, error.value.rule) == ("end_date", "end_before_start")


def test_an_hourly_act_is_priced_at_rate_times_hours() -> None:
    act = submit(a_contract(), hours="12.5")
    assert act.amount == Money.of("31250.00") and act.status is ActStatus.SUBMITTED


def test_a_monthly_per_trainee_act_is_priced_per_agreement_and_still_records_hours() -> None:
    contract = a_contract(rate_type=RateType.MONTHLY_PER_TRAINEE, rate=Money.of("20000"))
    act = submit(contract, agreements=[uuid4(), uuid4(), uuid4()], hours="40")
    assert act.amount == Money.of("60000") and act.hours == Decimal("40")


def test_acts_are_numbered_one_two_three_within_the_contract() -> None:
    contract = a_contract()
    numbers = [submit(contract, month=Month(2026, m)).number for m in (9, 10, 11)]
    assert numbers == [1, 2, 3] and contract.acts[-1].month == Month(2026, 11)


def test_an_act_for_a_month_outside_the_term_is_refused() -> None:
    with pytest.raises(errors.MonthOutsideTermError):
        submit(a_contract(), month=Month(2026, 8))


def test_an_act_for_a_month_the_term_starts_in_part_way_is_accepted() -> None:
    act = submit(a_contract(term=DatePeriod(date(2026, 10, 15), date(2027, 6, 30))),
                 month=OCTOBER)
    assert act.month == OCTOBER


def test_an_act_for_a_month_that_has_not_started_is_refused() -> None:
    with pytest.raises(errors.FutureMonthError) as error:
        submit(a_contract(), month=Month(2026, 12))
    assert error.value.field == "month"


def test_an_act_lists_at_least_one_agreement() -> None:
    with pytest.raises(InvalidValueError) as error:
        a_contract().submit_act(month=OCTOBER, agreement_ids=[], hours=Decimal(1),
                                submitted_by="mentor", today=TODAY)
    assert error.value.field == "agreement_ids"


def test_an_act_cannot_list_the_same_agreement_twice() -> None:
    agreement = uuid4()
    with pytest.raises(InvalidValueError) as error:
        submit(a_contract(), agreements=[agreement, agreement])
    assert (error.value.field, error.value.rule) == ("agreement_ids", "duplicate")


@pytest.mark.parametrize("hours", ["0", "-3", "745"])
def test_an_act_needs_positive_hours_that_fit_in_the_month(hours: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        submit(a_contract(), hours=hours)
    assert error.value.field == "hours"


@pytest.mark.parametrize("raw", ["abc", "1.234", True, "NaN"])
def test_malformed_hours_are_refused_naming_the_field(raw: object) -> None:
    with pytest.raises(InvalidValueError) as error:
        parse_hours(raw)
    assert error.value.field == "hours"


def test_the_same_agreement_and_month_cannot_be_billed_twice_in_one_contract() -> None:
    contract, agreement = a_contract(), uuid4()
    submit(contract, agreements=[agreement])
    with pytest.raises(errors.DoubleBillingError, match="in act 1"):
        submit(contract, agreements=[uuid4(), agreement])


def test_a_rejected_acts_agreement_months_can_be_billed_again_by_a_corrected_act() -> None:
    contract, agreement = a_contract(), uuid4()
    submit(contract, agreements=[agreement], hours="100")
    contract.reject_act(1, "hours do not match the timesheet")
    corrected = submit(contract, agreements=[agreement], hours="80")
    assert corrected.number == 2 and contract.acts[0].rejection_reason.startswith("hours")
    assert corrected.agreement_ids == (agreement,)


def test_the_college_approves_a_submitted_act() -> None:
    contract = a_contract()
    submit(contract)
    contract.approve_act(1)
    assert contract.acts[0].status is ActStatus.APPROVED
    assert contract.approved_total == Money.of("25000") == contract.approved_unpaid


@pytest.mark.parametrize("decide", ["approve", "reject"])
def test_an_act_is_decided_once(decide: str) -> None:
    contract = a_contract()
    submit(contract)
    contract.approve_act(1)
    with pytest.raises(errors.ActDecidedError):
        contract.approve_act(1) if decide == "approve" else contract.reject_act(1, "late")


def test_deciding_an_act_that_does_not_exist_is_refused() -> None:
    with pytest.raises(errors.UnknownActError):
        a_contract().approve_act(1)


def test_approving_an_act_that_would_take_the_approved_total_over_the_ceiling_is_refused() -> None:
    contract = a_contract(ceiling=Money.of("40000"))
    submit(contract, month=Month(2026, 9), hours="10")
    submit(contract, month=OCTOBER, hours="10")
    contract.approve_act(1)
    with pytest.raises(errors.CeilingError):
        contract.approve_act(2)
    assert contract.approved_total == Money.of("25000")

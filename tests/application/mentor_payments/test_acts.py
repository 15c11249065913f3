"""Service acts: billing mentored agreement-months, approval and rejection (rules 1 and 2)."""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from application.agreements import commands as c
from application.errors import NotFoundError, PermissionDeniedError, StaleVersionError
from application.mentor_payments.commands import ApproveAct, RejectAct, SubmitAct
from application.security import Principal
from domain.mentor_payments.errors import (
    CeilingError,
    DoubleBillingError,
    NotAssignedMentorError,
    OtherPartiesError,
)
from domain.mentor_payments.records import ActStatus, RateType
from domain.shared.audit import Role
from domain.shared.calendar import Month
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import IIN
from domain.shared.money import Money
from tests.application.agreements.fixtures import (
    ENTERPRISE_BIN,
    OTHER_COLLEGE_BIN,
    OTHER_MENTOR_IIN,
    active_agreement,
    register_mentor,
)
from tests.application.mentor_payments.test_contracts import COLLEGE, MENTOR, conclude

OCTOBER = Month(2026, 10)


def submit_act(system, contract, *, agreements=None, month: Month = OCTOBER, hours="10",
               by: Principal = MENTOR):
    """Bill ``agreements`` (by default a new agreement mentored by MENTOR) for ``month``."""
    ids = tuple(a.id for a in agreements or [active_agreement(system)])
    return system.payments.submit_act(by, SubmitAct(contract.id, month, ids,
                                                    Decimal(hours))).aggregate


def approve(system, contract, number: int = 1, *, by: Principal = COLLEGE, **options):
    return system.payments.approve_act(by, ApproveAct(contract.id, number, **options)).aggregate


def reject(system, contract, number: int, reason: str, *, by: Principal = COLLEGE):
    return system.payments.reject_act(by, RejectAct(contract.id, number, reason)).aggregate


def test_the_mentor_bills_the_agreements_it_mentored_in_a_month(system) -> None:
    contract = conclude(system)
    agreements = [active_agreement(system), active_agreement(system)]
    contract = submit_act(system, contract, agreements=agreements, hours="12.5")
    act = contract.acts[-1]
    assert (act.number, act.month, act.hours, act.amount, act.status, act.submitted_by) == \
        (1, OCTOBER, Decimal("12.5"), Money.of("31250"), ActStatus.SUBMITTED, "mentor")
    assert act.agreement_ids == tuple(a.id for a in agreements)


def test_a_monthly_per_trainee_act_is_priced_per_agreement(system) -> None:
    contract = conclude(system, rate_type=RateType.MONTHLY_PER_TRAINEE,
                        rate=Money.of("20000"))
    agreements = [active_agreement(system), active_agreement(system)]
    act = submit_act(system, contract, agreements=agreements, hours="30").acts[-1]
    assert act.amount == Money.of("40000") and act.hours == Decimal("30")


def test_the_college_may_submit_an_act_for_its_mentor_but_nobody_else_may(system) -> None:
    contract = conclude(system)
    assert submit_act(system, contract, by=COLLEGE).acts[-1].submitted_by == "college"
    with pytest.raises(PermissionDeniedError):
        submit_act(system, contract, by=Principal(Role.ENTERPRISE, ENTERPRISE_BIN))
    with pytest.raises(NotFoundError):
        submit_act(system, contract, month=Month(2026, 11),
                   by=Principal(Role.MENTOR, OTHER_MENTOR_IIN))


def test_only_the_assigned_mentor_of_each_agreement_in_that_month_may_bill_it(system) -> None:
    contract = conclude(system)
    register_mentor(system, iin=OTHER_MENTOR_IIN)
    theirs = active_agreement(system, mentor_iin=OTHER_MENTOR_IIN)
    with pytest.raises(NotAssignedMentorError, match=f"{theirs.number} in 2026-10"):
        submit_act(system, contract, agreements=[active_agreement(system), theirs])


def test_a_replaced_mentor_bills_the_months_before_the_replacement_only(system) -> None:
    contract = conclude(system)
    agreement = active_agreement(system)
    register_mentor(system, iin=OTHER_MENTOR_IIN)
    system.agreements.assign_mentor(Principal(Role.ENTERPRISE, ENTERPRISE_BIN), c.AssignMentor(agreement.id, IIN.parse(OTHER_MENTOR_IIN), date(2026, 11, 1)))
    submit_act(system, contract, agreements=[agreement], month=OCTOBER)
    with pytest.raises(NotAssignedMentorError):
        submit_act(system, contract, agreements=[agreement], month=Month(2026, 11))


def test_an_agreement_of_other_parties_cannot_be_billed_under_the_contract(system) -> None:
    contract = conclude(system)
    elsewhere = active_agreement(system, college_bin=OTHER_COLLEGE_BIN)
    with pytest.raises(OtherPartiesError):
        submit_act(system, contract, agreements=[elsewhere])


@pytest.mark.parametrize(("field", "agreements", "hours"), [
    ("agreement_ids", "none", "8"), ("agreement_ids", "unknown", "8"), ("hours", "one", "0"),
    ("hours", "one", "745"),
])
def test_act_values_the_contract_refuses_are_refused_naming_the_field(
        system, field, agreements, hours) -> None:
    contract = conclude(system)
    ids = {"none": (), "unknown": (uuid4(),), "one": (active_agreement(system).id,)}[agreements]
    with pytest.raises(InvalidValueError) as error:
        system.payments.submit_act(MENTOR, SubmitAct(contract.id, OCTOBER, ids, Decimal(hours)))
    assert error.value.field == field


def test_an_agreement_month_is_billed_once_across_all_of_the_mentors_contracts(system) -> None:
    first, second = conclude(system, number="MS-1"), conclude(system, number="MS-2")
    agreement = active_agreement(system)
    submit_act(system, first, agreements=[agreement])
    with pytest.raises(DoubleBillingError, match="in act 1 of contract MS-1"):
        submit_act(system, second, agreements=[agreement])
    assert system.payments.get(MENTOR, second.id).acts == []
    assert submit_act(system, second, agreements=[agreement],
                      month=Month(2026, 9)).acts[-1].number == 1


def test_a_rejected_act_releases_its_agreement_months_for_a_corrected_act(system) -> None:
    first, second = conclude(system, number="MS-1"), conclude(system, number="MS-2")
    agreement = active_agreement(system)
    submit_act(system, first, agreements=[agreement], hours="300")
    rejected = reject(system, first, 1, "300 hours is not credible")
    assert rejected.acts[0].status is ActStatus.REJECTED
    assert rejected.acts[0].rejection_reason == "300 hours is not credible"
    assert submit_act(system, second, agreements=[agreement]).acts[-1].number == 1


def test_the_college_approves_a_submitted_act(system) -> None:
    contract = conclude(system)
    submit_act(system, contract)
    approved = approve(system, contract, 1, expected_version=2)
    assert approved.acts[0].status is ActStatus.APPROVED
    assert approved.approved_total == Money.of("25000") == approved.approved_unpaid


def test_a_mentor_cannot_decide_its_own_act(system) -> None:
    contract = conclude(system)
    submit_act(system, contract)
    with pytest.raises(PermissionDeniedError):
        approve(system, contract, 1, by=MENTOR)
    with pytest.raises(PermissionDeniedError):
        reject(system, contract, 1, "no", by=MENTOR)


def test_another_college_cannot_decide_the_act(system) -> None:
    contract = conclude(system)
    submit_act(system, contract)
    with pytest.raises(NotFoundError):
        approve(system, contract, 1, by=Principal(Role.COLLEGE, OTHER_COLLEGE_BIN))


def test_deciding_an_act_that_does_not_exist_is_not_found(system) -> None:
    contract = conclude(system)
    with pytest.raises(NotFoundError, match="act 7"):
        approve(system, contract, 7)
    with pytest.raises(NotFoundError, match="act 7"):
        reject(system, contract, 7, "no such act")


def test_an_approval_over_the_ceiling_is_refused(system) -> None:
    contract = conclude(system, ceiling=Money.of("20000"))
    submit_act(system, contract, hours="10")
    with pytest.raises(CeilingError):
        approve(system, contract, 1)


def test_a_decision_on_a_stale_version_is_refused(system) -> None:
    contract = conclude(system)
    submit_act(system, contract)
    with pytest.raises(StaleVersionError):
        approve(system, contract, 1, expected_version=1)


def test_a_stale_version_from_another_college_is_not_found_not_stale(system) -> None:
    contract = conclude(system)
    submit_act(system, contract)
    with pytest.raises(NotFoundError):
        approve(system, contract, 1, by=Principal(Role.COLLEGE, OTHER_COLLEGE_BIN),
                expected_version=1)

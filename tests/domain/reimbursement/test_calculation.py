"""Rule 3: practice days in the month and the payable amount (and the README's example)."""

from datetime import date

import pytest

from domain.reimbursement import errors
from domain.reimbursement.calculation import norm_limit, practice_days
from domain.reimbursement.claim import ReimbursementClaim
from domain.shared.academic_year import AcademicYear
from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money
from tests.domain.reimbursement.builders import JUNE, TODAY, a_claim, facts, lines, norms

JUNE_1_30 = DatePeriod(date(2027, 6, 1), date(2027, 6, 30))
# Suspended from 16 June, resumed on 21 June: 16-20 June are suspended.
SUSPENDED_16_20 = DatePeriod(date(2027, 6, 16), date(2027, 6, 20))


def test_the_worked_example_gives_25_practice_days_and_pays_the_smaller_amount() -> None:
    over = a_claim("70000", suspensions=(SUSPENDED_16_20,))
    under = a_claim("40000", suspensions=(SUSPENDED_16_20,))
    assert (over.practice_days, over.calendar_days, over.norm) == (25, 30, Money.of("60000"))
    assert over.payable == Money.of("50000.00")
    assert under.payable == Money.of("40000.00")


def test_practice_days_count_only_the_month_and_skip_suspended_days() -> None:
    spanning = (DatePeriod(date(2027, 5, 20), date(2027, 6, 10)),
                DatePeriod(date(2027, 6, 25), date(2027, 7, 5)))
    assert practice_days(JUNE, spanning, ()) == 10 + 6
    assert practice_days(JUNE, spanning, (DatePeriod(date(2027, 6, 5), date(2027, 8, 31)),)) == 4


def test_the_norm_limit_is_rounded_half_up_to_the_tiyn() -> None:
    # 10 000.05 x 1 / 2 = 5 000.025 -> 5 000.03 (half up, not to even)
    assert norm_limit(Money.of("10000.05"), 1, 2) == Money.of("5000.03")
    assert norm_limit(Money.of("60000"), 7, 31) == Money.of("13548.39")


def test_a_month_with_no_practice_day_cannot_be_claimed() -> None:
    with pytest.raises(errors.NoPracticeDaysError):
        a_claim(practice=(DatePeriod(date(2027, 5, 1), date(2027, 5, 31)),))
    with pytest.raises(errors.NoPracticeDaysError):
        a_claim(suspensions=(JUNE_1_30,))


def test_a_month_outside_the_term_cannot_be_claimed() -> None:
    with pytest.raises(errors.MonthOutsideTermError):
        a_claim(month=Month(2027, 9))


def test_a_draft_agreement_has_nothing_to_reimburse() -> None:
    with pytest.raises(errors.AgreementNotStartedError):
        a_claim(status="draft")


def test_the_specialty_norm_wins_over_the_default_and_a_missing_norm_is_refused() -> None:
    table = norms("60000", s07150200="90000")
    claim = ReimbursementClaim.submit(facts=facts(), month=JUNE, costs=lines("100000"),
                                      norms=table, today=TODAY)
    assert (claim.norm, claim.payable) == (Money.of("90000"), Money.of("90000"))
    other = ReimbursementClaim.submit(facts=facts(specialty_code="01010100"), month=JUNE,
                                      costs=lines("100000"), norms=table, today=TODAY)
    assert other.norm == Money.of("60000")
    with pytest.raises(errors.NoNormError):
        ReimbursementClaim.submit(facts=facts(), month=JUNE, costs=lines("1"),
                                  norms=norms(None, s01010100="1"), today=TODAY)
    with pytest.raises(errors.NoNormError):
        ReimbursementClaim.submit(facts=facts(), month=JUNE, costs=lines("1"), norms=None,
                                  today=TODAY)


def test_cost_lines_are_required_and_positive() -> None:
    with pytest.raises(InvalidValueError) as empty:
        ReimbursementClaim.submit(facts=facts(), month=JUNE, costs=[], norms=norms(),
                                  today=TODAY)
    assert empty.value.rule == "required"
    with pytest.raises(InvalidValueError) as zero:
        a_claim("10", "0")
    assert (zero.value.field, zero.value.rule) == ("costs.1.amount", "positive")


def test_the_claimed_sum_adds_every_line() -> None:
    assert a_claim("10000.10", "20000.20").claimed == Money.of("30000.30")


def test_academic_years_run_from_september_to_august() -> None:
    assert AcademicYear.of(date(2026, 9, 1)) == AcademicYear(2026)
    assert AcademicYear.of(date(2027, 8, 31)) == AcademicYear(2026)
    assert str(AcademicYear.parse("2026-2027")) == "2026-2027"
    assert AcademicYear(2026).period == DatePeriod(date(2026, 9, 1), date(2027, 8, 31))
    with pytest.raises(InvalidValueError) as gap:
        AcademicYear.parse("2026-2028")
    assert gap.value.rule == "consecutive"
    with pytest.raises(InvalidValueError):
        AcademicYear.parse("26-27")

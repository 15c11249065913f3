"""PatronagePair: one memorandum in force per enterprise and college at a time (rule 1)."""

from datetime import date
from uuid import uuid4

import pytest

from domain.patronage.errors import MemorandumInForceError
from domain.patronage.guards import MemorandumNumber, PatronagePair
from domain.shared.calendar import DatePeriod
from tests.domain.patronage.builders import COLLEGE, ENTERPRISE

FIRST = DatePeriod(date(2026, 1, 1), date(2027, 12, 31))


def test_a_second_memorandum_overlapping_the_first_is_refused_naming_it() -> None:
    pair = PatronagePair(enterprise_bin=ENTERPRISE, college_bin=COLLEGE)
    pair.hold(uuid4(), "PM-1", FIRST)
    with pytest.raises(MemorandumInForceError, match="PM-1"):
        pair.hold(uuid4(), "PM-2", DatePeriod(date(2027, 6, 1), date(2029, 5, 31)))


def test_memoranda_one_after_the_other_are_accepted() -> None:
    pair = PatronagePair(enterprise_bin=ENTERPRISE, college_bin=COLLEGE)
    pair.hold(uuid4(), "PM-1", FIRST)
    pair.hold(uuid4(), "PM-2", DatePeriod(date(2028, 1, 1), date(2029, 12, 31)))
    assert len(pair.in_force) == 2


def test_a_terminated_memorandum_frees_the_days_after_its_termination() -> None:
    pair, first = PatronagePair(enterprise_bin=ENTERPRISE, college_bin=COLLEGE), uuid4()
    pair.hold(first, "PM-1", FIRST)
    pair.cut(first, date(2026, 6, 30))
    pair.hold(uuid4(), "PM-2", DatePeriod(date(2026, 7, 1), date(2028, 6, 30)))
    with pytest.raises(MemorandumInForceError):
        pair.hold(uuid4(), "PM-3", DatePeriod(date(2026, 6, 30), date(2026, 7, 1)))


def test_guards_have_natural_ids() -> None:
    assert PatronagePair.create_id(ENTERPRISE, COLLEGE) == \
        PatronagePair.create_id(str(ENTERPRISE), str(COLLEGE))
    assert MemorandumNumber.create_id(ENTERPRISE, "PM-1") != \
        MemorandumNumber.create_id(ENTERPRISE, "PM-2")

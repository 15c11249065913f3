"""The shared worked cases (tests/data/*.json) that every implementation must reproduce."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN
from domain.work_experience.seniority import Duration, credit, seniority

DATA = Path(__file__).resolve().parents[2] / "data"
TODAY = date(2026, 11, 23)

SENIORITY_CASES = json.loads((DATA / "seniority.json").read_text(encoding="utf-8"))
IDENTIFIERS = json.loads((DATA / "identifiers.json").read_text(encoding="utf-8"))

# The rule an invalid example must fail, recognised from the words of its stated
# reason; the first matching phrase wins, so specific phrases come first.
IIN_RULES = (
    ("future", "birth_date_in_future"),
    ("does not exist", "birth_date"),
    ("month", "birth_date"),
    ("century", "century_digit"),
    ("never issued", "check_digit"),
    ("check digit", "check_digit"),
    ("not all digits", "digits"),
    ("digits", "length"),
)
BIN_RULES = (
    ("check digit", "check_digit"),
    ("never issued", "check_digit"),
    ("month", "registration_month"),
    ("entity type", "entity_type"),
    ("attribute", "entity_attribute"),
    ("not all digits", "digits"),
    ("digits", "length"),
)


def _periods(raw: list[dict[str, str]]) -> list[DatePeriod]:
    return [DatePeriod(date.fromisoformat(p["start"]), date.fromisoformat(p["end"])) for p in raw]


def _duration(raw: dict[str, int]) -> Duration:
    return Duration(raw["months"], raw["days"])


def _expected_rule(why: str, rules: tuple[tuple[str, str], ...]) -> str:
    for phrase, rule in rules:
        if phrase in why.lower():
            return rule
    raise LookupError(f"no rule known for the reason {why!r}: extend the table")


@pytest.mark.parametrize("case", SENIORITY_CASES, ids=[c["case"] for c in SENIORITY_CASES])
def test_each_worked_seniority_case_gives_its_total_and_credit(case: dict) -> None:
    total = seniority(_periods(case["periods"]), _periods(case["suspensions"]))

    assert total == _duration(case["total"])
    assert credit(total, 6, 18).credited == _duration(case["credited"])


@pytest.mark.parametrize("case", IDENTIFIERS["iin"],
                         ids=[f"{c['value']}: {c['why']}" for c in IDENTIFIERS["iin"]])
def test_each_iin_example_is_accepted_or_refused_for_its_stated_reason(case: dict) -> None:
    if case["valid"]:
        assert IIN.parse(case["value"], today=TODAY).value == case["value"]
        return
    with pytest.raises(InvalidValueError) as refused:
        IIN.parse(case["value"], today=TODAY)
    assert refused.value.rule == _expected_rule(case["why"], IIN_RULES)


@pytest.mark.parametrize("case", IDENTIFIERS["bin"],
                         ids=[f"{c['value']}: {c['why']}" for c in IDENTIFIERS["bin"]])
def test_each_bin_example_is_accepted_or_refused_for_its_stated_reason(case: dict) -> None:
    if case["valid"]:
        assert BIN.parse(case["value"]).value == case["value"]
        return
    with pytest.raises(InvalidValueError) as refused:
        BIN.parse(case["value"])
    assert refused.value.rule == _expected_rule(case["why"], BIN_RULES)


def test_every_example_states_a_reason_the_rule_table_recognises() -> None:
    # Guards the table above: a new vector with unfamiliar wording fails loudly
    # here rather than being checked against the wrong rule.
    for case in IDENTIFIERS["iin"]:
        if not case["valid"]:
            _expected_rule(case["why"], IIN_RULES)
    for case in IDENTIFIERS["bin"]:
        if not case["valid"]:
            _expected_rule(case["why"], BIN_RULES)

"""The enterprise's records over HTTP: mentor (rule 4), safety briefing (rule 5), the
Annex's practice periods (rule 6) and the trainee's compensation (rule 7)."""

from datetime import date

from tests.application.agreements.fixtures import (
    MENTOR_IIN,
    OTHER_MENTOR_IIN,
    register_mentor,
)
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import field_rule, problem_of, url

api = fixtures.api

START, END = date(2026, 1, 12), date(2026, 12, 25)


def practice(start="2026-02-02", end="2026-03-31"):
    return {"start_date": start, "end_date": end, "position": "Welder's assistant",
            "duties": "Preparing joints, tack welding under supervision"}


def pay(month="2026-02", amount="85000", reference="PAY-1"):
    return {"month": month, "amount": amount, "payment_reference": reference}


# Mentor ------------------------------------------------------------------------------

def test_the_enterprise_assigns_a_registered_mentor_and_gets_201(api):
    agreement = api.active(mentor_iin=None)
    register_mentor(api.system)

    answer = api.post(url(agreement, "mentor"), {"mentor_iin": MENTOR_IIN,
                                                 "from_date": "2026-09-01"}, who="enterprise")

    assert answer.status_code == 201 and answer.headers["Location"] == url(agreement)
    assert answer.json["current_mentor_iin"] == MENTOR_IIN
    assert answer.json["mentor_assignments"] == [
        {"mentor_iin": MENTOR_IIN, "from_date": "2026-09-01", "to_date": None}]


def test_a_replaced_mentor_stays_in_the_record_with_its_end_date(api):
    agreement = api.active()
    register_mentor(api.system, iin=OTHER_MENTOR_IIN)

    answer = api.post(url(agreement, "mentor"), {"mentor_iin": OTHER_MENTOR_IIN,
                                                 "from_date": "2026-10-01"}, who="enterprise")

    assignments = answer.json["mentor_assignments"]
    assert [(a["mentor_iin"], a["to_date"]) for a in assignments] == \
        [(MENTOR_IIN, "2026-09-30"), (OTHER_MENTOR_IIN, None)]


def test_a_mentor_not_registered_at_the_enterprise_is_409(api):
    agreement = api.active(mentor_iin=None)

    answer = api.post(url(agreement, "mentor"), {"mentor_iin": OTHER_MENTOR_IIN,
                                                 "from_date": "2026-09-01"}, who="enterprise")

    assert problem_of(answer) == (409, "mentor_not_registered")
    assert OTHER_MENTOR_IIN in answer.json["detail"]


def test_only_the_enterprise_assigns_mentors(api):
    agreement = api.active(mentor_iin=None)

    answer = api.post(url(agreement, "mentor"), {"mentor_iin": MENTOR_IIN,
                                                 "from_date": "2026-09-01"})

    assert problem_of(answer) == (403, "forbidden")


def test_a_mentor_iin_with_a_wrong_check_digit_is_422(api):
    wrong = MENTOR_IIN[:11] + str((int(MENTOR_IIN[11]) + 1) % 10)

    answer = api.post(url(api.active(), "mentor"), {"mentor_iin": wrong,
                                                    "from_date": "2026-09-01"}, who="enterprise")

    assert field_rule(answer, "mentor_iin") == "check_digit"


# Safety briefing ---------------------------------------------------------------------

def test_the_enterprise_records_a_safety_briefing_and_gets_201(api):
    agreement = api.active(briefing=False)

    answer = api.post(url(agreement, "safety-briefings"),
                      {"date": "2026-09-01", "instructor": "A. Bekov, safety engineer"},
                      who="enterprise")

    assert answer.status_code == 201
    assert answer.json["safety_briefings"] == [{"date": "2026-09-01",
                                                "instructor": "A. Bekov, safety engineer"}]


def test_a_safety_briefing_in_the_future_is_409(api):
    answer = api.post(url(api.active(briefing=False), "safety-briefings"),
                      {"date": "2026-12-01", "instructor": "A. Bekov"}, who="enterprise")

    assert problem_of(answer) == (409, "briefing_in_future")


# Practice periods (the Annex) --------------------------------------------------------

def test_the_enterprise_records_a_practice_period_and_gets_201(api):
    agreement = api.active(start=START, end=END)

    answer = api.post(url(agreement, "practice-periods"), practice(), who="enterprise")

    assert answer.status_code == 201 and answer.headers["Location"] == url(agreement)
    period = answer.json["practice_periods"][0]
    assert (period["start_date"], period["end_date"], period["days"]) == \
        ("2026-02-02", "2026-03-31", 58)
    assert period["position"] == "Welder's assistant"


def test_practice_before_the_safety_briefing_is_409(api):
    agreement = api.active(start=START, end=END, briefing=False)

    answer = api.post(url(agreement, "practice-periods"), practice(), who="enterprise")

    assert problem_of(answer) == (409, "safety_briefing_required")


def test_practice_before_a_mentor_is_assigned_is_409(api):
    agreement = api.active(start=START, end=END, mentor_iin=None)

    answer = api.post(url(agreement, "practice-periods"), practice(), who="enterprise")

    assert problem_of(answer) == (409, "mentor_required")


def test_overlapping_practice_periods_are_409_naming_the_recorded_one(api):
    agreement = api.active(start=START, end=END)
    api.post(url(agreement, "practice-periods"), practice(), who="enterprise")

    answer = api.post(url(agreement, "practice-periods"), practice("2026-03-01", "2026-04-30"),
                      who="enterprise")

    assert problem_of(answer) == (409, "practice_overlap")
    assert "2026-02-02..2026-03-31" in answer.json["detail"]


def test_practice_with_its_end_before_its_start_is_422(api):
    answer = api.post(url(api.active(start=START, end=END), "practice-periods"),
                      practice("2026-03-01", "2026-02-01"), who="enterprise")

    assert field_rule(answer, "end_date") == "end_before_start"


def test_another_enterprise_gets_404_and_a_college_403_for_practice(api):
    agreement = api.active(start=START, end=END)

    other = api.post(url(agreement, "practice-periods"), practice(), who="other_enterprise")
    college = api.post(url(agreement, "practice-periods"), practice())

    assert problem_of(other) == (404, "not_found")
    assert problem_of(college) == (403, "forbidden")  # a college never records the Annex


# Compensation ------------------------------------------------------------------------

def test_compensation_is_201_with_money_as_a_two_place_string_and_a_total(api):
    agreement = api.active(start=START, end=END)

    api.post(url(agreement, "compensations"), pay(), who="enterprise")
    answer = api.post(url(agreement, "compensations"),
                      pay("2026-03", "42500.5", "PAY-2"), who="enterprise")

    assert answer.status_code == 201
    assert answer.json["compensations"][1] == {"month": "2026-03", "amount": "42500.50",
                                               "payment_reference": "PAY-2"}
    assert answer.json["compensation_total"] == "127500.50"


def test_the_same_payment_reference_again_is_200_and_records_nothing(api):
    agreement = api.active(start=START, end=END)
    first = api.post(url(agreement, "compensations"), pay(), who="enterprise")

    again = api.post(url(agreement, "compensations"), pay(amount="85000.00"), who="enterprise",
                     Idempotency_Key="another-attempt")

    assert again.status_code == 200 and "Location" not in again.headers
    assert again.headers["ETag"] == first.headers["ETag"]
    assert len(again.json["compensations"]) == 1


def test_a_reused_payment_reference_for_another_amount_is_409(api):
    agreement = api.active(start=START, end=END)
    api.post(url(agreement, "compensations"), pay(), who="enterprise")

    answer = api.post(url(agreement, "compensations"), pay(amount="1.00"), who="enterprise")

    assert problem_of(answer) == (409, "payment_reference_reused")


def test_invalid_money_and_months_are_422_naming_the_field(api):
    agreement = api.active(start=START, end=END)

    negative = api.post(url(agreement, "compensations"), pay(amount="-5"), who="enterprise")
    a_float = api.post(url(agreement, "compensations"), pay(amount=85000.5), who="enterprise")
    month = api.post(url(agreement, "compensations"), pay(month="2026/02"), who="enterprise")

    assert field_rule(negative, "amount") == "positive"
    assert field_rule(a_float, "amount") == "type"
    assert field_rule(month, "month") == "month"


def test_compensation_for_a_month_outside_the_term_is_409(api):
    answer = api.post(url(api.active(start=START, end=END), "compensations"),
                      pay(month="2027-02"), who="enterprise")

    assert problem_of(answer) == (409, "outside_term")


def test_an_auditor_may_not_record_compensation(api):
    answer = api.post(url(api.active(start=START, end=END), "compensations"), pay(),
                      who="auditor")

    assert problem_of(answer) == (403, "forbidden")

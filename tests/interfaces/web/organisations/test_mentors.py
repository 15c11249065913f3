from datetime import date

from domain.shared.identifiers import compose_iin
from tests.interfaces.conftest import ENTERPRISE_BIN, MENTOR_IIN, bearer, mentor_body

MENTORS = f"/api/v1/enterprises/{ENTERPRISE_BIN}/mentors"


def test_an_enterprise_registers_its_mentor_and_gets_201_with_location(client, tokens):
    answer = client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.enterprise))

    assert answer.status_code == 201
    assert answer.headers["Location"] == f"{MENTORS}/{MENTOR_IIN}"
    assert answer.headers["ETag"] == '"1"'
    assert answer.json["enterprise_bin"] == ENTERPRISE_BIN and answer.json["active"] is True


def test_an_admin_may_register_a_mentor_for_any_enterprise(client, tokens):
    answer = client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.admin))

    assert answer.status_code == 201


def test_another_enterprise_gets_404_so_that_existence_does_not_leak(client, tokens):
    answer = client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.other_enterprise))

    assert answer.status_code == 404


def test_a_college_may_not_register_mentors(client, tokens):
    answer = client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.college))

    assert answer.status_code == 403


def test_a_mentor_registered_twice_is_409(client, tokens):
    client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.enterprise))

    answer = client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.enterprise))

    assert answer.status_code == 409 and answer.json["rule"] == "duplicate"


def test_invalid_mentor_fields_are_422_with_their_rules(client, tokens):
    body = mentor_body(iin="850517300120", experience_years=71, position="")

    errors = client.post(MENTORS, json=body, headers=bearer(tokens.enterprise)).json["errors"]

    assert errors["iin"]["rule"] == "check_digit"
    assert errors["experience_years"]["rule"] == "range"
    assert errors["position"]["rule"] == "length"


def test_experience_years_must_be_a_whole_number_not_a_boolean_or_a_string(client, tokens):
    for years in (True, "5", 5.5):
        answer = client.post(MENTORS, json=mentor_body(experience_years=years),
                             headers=bearer(tokens.enterprise))
        assert answer.json["errors"]["experience_years"]["rule"] == "type", years


def test_a_mentor_born_in_the_future_is_422_from_the_domain_naming_the_iin(client, tokens):
    unborn = compose_iin(date(2027, 1, 1), male=True, serial=5).value

    answer = client.post(MENTORS, json=mentor_body(iin=unborn), headers=bearer(tokens.enterprise))

    assert answer.status_code == 422 and answer.json["rule"] == "birth_date_in_future"
    assert answer.json["errors"]["iin"]["rule"] == "birth_date_in_future"


def test_a_mentor_answer_carries_the_position_of_its_write(client, tokens):
    answer = client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.enterprise))

    application, _, number = answer.headers["X-Position"].partition(":")
    assert application == "participants" and int(number) >= 1


def test_a_mentor_is_read_by_its_enterprise_an_auditor_and_an_admin(client, tokens):
    client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.enterprise))

    for token in (tokens.enterprise, tokens.auditor, tokens.admin):
        answer = client.get(f"{MENTORS}/{MENTOR_IIN}", headers=bearer(token))
        assert answer.status_code == 200
        assert answer.json["full_name"] == "Aidar Nurlanovich Seitkali"
        assert answer.headers["ETag"] == '"1"'


def test_a_trainee_may_not_read_mentors_and_another_enterprise_does_not_see_them(client, tokens):
    client.post(MENTORS, json=mentor_body(), headers=bearer(tokens.enterprise))

    assert client.get(f"{MENTORS}/{MENTOR_IIN}", headers=bearer(tokens.trainee)).status_code == 403
    answer = client.get(f"{MENTORS}/{MENTOR_IIN}", headers=bearer(tokens.other_enterprise))
    assert answer.status_code == 404


def test_an_unregistered_mentor_is_404(client, tokens):
    answer = client.get(f"{MENTORS}/{MENTOR_IIN}", headers=bearer(tokens.enterprise))

    assert answer.status_code == 404 and answer.json["rule"] == "not_found"

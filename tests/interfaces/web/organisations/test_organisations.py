from domain.shared.identifiers import compose_bin
from interfaces.web.problems import PROBLEM_JSON
from tests.interfaces.conftest import ENTERPRISE_BIN, bearer, organisation_body

NEW_BIN = compose_bin(2019, 11, serial=555).value


def test_an_admin_registers_an_organisation_and_gets_201_with_location_and_etag(client, tokens):
    answer = client.post("/api/v1/organisations", json=organisation_body(NEW_BIN),
                         headers=bearer(tokens.admin))

    assert answer.status_code == 201
    assert answer.headers["Location"] == f"/api/v1/organisations/{NEW_BIN}"
    assert answer.headers["ETag"] == '"1"'
    application, _, number = answer.headers["X-Position"].partition(":")
    assert application == "participants" and int(number) >= 1
    assert answer.json["bin"] == NEW_BIN and answer.json["kind"] == "enterprise"
    assert answer.json["region_name"] == "Karaganda" and answer.json["version"] == 1


def test_an_organisation_is_read_back_with_its_etag(client, tokens):
    answer = client.get(f"/api/v1/organisations/{ENTERPRISE_BIN}",
                        headers=bearer(tokens.college))

    assert answer.status_code == 200
    assert answer.headers["ETag"] == '"1"'
    assert answer.json["name"] == "Karaganda Steel" and answer.json["size"] == "large"


def test_a_request_without_a_token_is_401_with_a_bearer_challenge(client, tokens):
    answer = client.get(f"/api/v1/organisations/{ENTERPRISE_BIN}")

    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert answer.content_type == PROBLEM_JSON
    assert answer.json["rule"] == "missing_token"


def test_an_unknown_token_is_401_invalid_token(client, tokens):
    answer = client.get(f"/api/v1/organisations/{ENTERPRISE_BIN}", headers=bearer("nope"))

    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["WWW-Authenticate"]


def test_a_college_may_not_register_organisations(client, tokens):
    answer = client.post("/api/v1/organisations", json=organisation_body(NEW_BIN),
                         headers=bearer(tokens.college))

    assert answer.status_code == 403
    assert answer.json["rule"] == "forbidden" and answer.json["title"] == "Forbidden"


def test_an_unregistered_or_malformed_bin_is_404(client, tokens):
    for bin_ in (NEW_BIN, "123", "220940000008"):
        answer = client.get(f"/api/v1/organisations/{bin_}", headers=bearer(tokens.admin))
        assert answer.status_code == 404, bin_
        assert answer.content_type == PROBLEM_JSON


def test_registering_the_same_bin_twice_is_409_duplicate(client, tokens):
    answer = client.post("/api/v1/organisations", json=organisation_body(ENTERPRISE_BIN),
                         headers=bearer(tokens.admin))

    assert answer.status_code == 409
    assert answer.json["rule"] == "duplicate" and ENTERPRISE_BIN in answer.json["detail"]


def test_a_bin_with_a_wrong_check_digit_is_422_naming_the_field_and_the_rule(client, tokens):
    answer = client.post("/api/v1/organisations", json=organisation_body("220940000008"),
                         headers=bearer(tokens.admin))

    assert answer.status_code == 422
    assert answer.content_type == PROBLEM_JSON
    assert answer.json["errors"]["bin"]["rule"] == "check_digit"
    assert "check digit" in answer.json["errors"]["bin"]["message"]


def test_each_invalid_field_is_named_with_its_rule(client, tokens):
    body = organisation_body(NEW_BIN, region="99", kind="farm", name="  ", colour="red")
    del body["size"]
    body["oked"] = 25

    errors = client.post("/api/v1/organisations", json=body,
                         headers=bearer(tokens.admin)).json["errors"]

    assert errors["region"]["rule"] == "region_code"
    assert errors["kind"]["rule"] == "choice"
    assert errors["name"]["rule"] == "length"
    assert errors["colour"]["rule"] == "unknown_field"
    assert errors["oked"]["rule"] == "type"


def test_a_missing_required_field_is_422_required(client, tokens):
    body = organisation_body(NEW_BIN)
    del body["name"]

    answer = client.post("/api/v1/organisations", json=body, headers=bearer(tokens.admin))

    assert answer.json["errors"] == {"name": {"rule": "required",
                                              "message": "Missing data for required field."}}


def test_a_domain_rule_on_a_value_is_422_with_the_domains_field(client, tokens):
    answer = client.post("/api/v1/organisations",
                         json=organisation_body(NEW_BIN, kind="college"),
                         headers=bearer(tokens.admin))

    assert answer.status_code == 422
    assert answer.json["errors"]["size"]["rule"] == "kind"


def test_malformed_json_is_400(client, tokens):
    answer = client.post("/api/v1/organisations", data='{"bin": "2209',
                         content_type="application/json", headers=bearer(tokens.admin))

    assert answer.status_code == 400
    assert answer.content_type == PROBLEM_JSON
    assert answer.json["rule"] == "malformed_json"


def test_a_body_that_is_not_a_json_object_is_400(client, tokens):
    for body in ("[1, 2]", '"text"', "NaN", "[" * 100_000):
        answer = client.post("/api/v1/organisations", data=body,
                             content_type="application/json", headers=bearer(tokens.admin))
        assert answer.status_code == 400, body[:10]


def test_a_body_that_is_not_json_is_415(client, tokens):
    answer = client.post("/api/v1/organisations", data="bin=1", headers=bearer(tokens.admin),
                         content_type="application/x-www-form-urlencoded")

    assert answer.status_code == 415


def test_a_body_over_one_mebibyte_is_413(client, tokens):
    body = '{"name": "' + "x" * (1024 * 1024) + '"}'
    answer = client.post("/api/v1/organisations", data=body, content_type="application/json",
                         headers=bearer(tokens.admin))

    assert answer.status_code == 413
    assert answer.content_type == PROBLEM_JSON


def test_a_wrong_method_is_405_problem_naming_the_allowed_ones(client, tokens):
    answer = client.delete("/api/v1/organisations", headers=bearer(tokens.admin))

    assert answer.status_code == 405
    assert answer.content_type == PROBLEM_JSON
    assert "POST" in answer.headers["Allow"]


def test_the_correlation_id_is_echoed_and_stamped_on_the_event(client, tokens, system):
    client.post("/api/v1/organisations", json=organisation_body(NEW_BIN),
                headers=bearer(tokens.admin, X_Request_ID="req-42"))

    organisation = system.participants.organisation(NEW_BIN)
    assert system.participants.events_of(organisation.id)[0].correlation_id == "req-42"


def test_a_correlation_id_is_made_when_none_is_sent(client, tokens):
    answer = client.get(f"/api/v1/organisations/{ENTERPRISE_BIN}", headers=bearer(tokens.admin))

    assert len(answer.headers["X-Correlation-ID"]) == 32

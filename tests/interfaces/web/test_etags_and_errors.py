"""If-Match and the last-resort 500, through routes that exist only in these tests."""

import pytest

from application.base import Recorded
from domain.participants.aggregates import Organisation
from interfaces.web.etags import if_match, tagged
from interfaces.web.problems import PROBLEM_JSON
from interfaces.web.runtime import system
from tests.interfaces.conftest import ENTERPRISE_BIN, bearer


@pytest.fixture
def app(app):
    @app.post("/test/organisations/<bin:bin>/touch")
    @if_match
    def touch(bin, expected_version):  # noqa: A002
        participants = system().participants
        organisation = participants.load(Organisation.create_id(bin), Organisation,
                                         f"organisation {bin}",
                                         expected_version=expected_version)
        outcome = Recorded(organisation, new=False, position="participants:7")
        return {"version": organisation.version}, 200, tagged(outcome)

    @app.get("/test/boom")
    def boom():
        raise RuntimeError("a bug")

    return app


def test_if_match_with_the_current_version_passes_it_to_the_application(client, tokens):
    answer = client.post(f"/test/organisations/{ENTERPRISE_BIN}/touch",
                         headers=bearer(tokens.admin, If_Match='"1"'))

    assert answer.status_code == 200 and answer.headers["ETag"] == '"1"'
    assert answer.headers["X-Position"] == "participants:7"


def test_a_stale_if_match_is_412(client, tokens):
    answer = client.post(f"/test/organisations/{ENTERPRISE_BIN}/touch",
                         headers=bearer(tokens.admin, If_Match='"2"'))

    assert answer.status_code == 412
    assert answer.content_type == PROBLEM_JSON
    assert answer.json["rule"] == "stale_version"


def test_no_if_match_or_a_star_means_any_version(client, tokens):
    for headers in (bearer(tokens.admin), bearer(tokens.admin, If_Match="*")):
        answer = client.post(f"/test/organisations/{ENTERPRISE_BIN}/touch", headers=headers)
        assert answer.status_code == 200


def test_a_malformed_if_match_is_400(client, tokens):
    for value in ("1", 'W/"1"', '"1", "2"', '"x"'):
        answer = client.post(f"/test/organisations/{ENTERPRISE_BIN}/touch",
                             headers=bearer(tokens.admin, If_Match=value))
        assert answer.status_code == 400, value
        assert answer.json["rule"] == "if_match_format"


def test_the_position_of_one_request_does_not_leak_into_the_next(client, tokens):
    client.post(f"/test/organisations/{ENTERPRISE_BIN}/touch", headers=bearer(tokens.admin))

    answer = client.get(f"/api/v1/organisations/{ENTERPRISE_BIN}", headers=bearer(tokens.admin))

    assert "X-Position" not in answer.headers


def test_an_unexpected_exception_is_a_logged_500_problem_without_internals(client, tokens):
    answer = client.get("/test/boom", headers=bearer(tokens.admin))

    assert answer.status_code == 500
    assert answer.content_type == PROBLEM_JSON
    assert "a bug" not in answer.get_data(as_text=True)
    assert answer.json["correlation_id"] == answer.headers["X-Correlation-ID"]


def test_an_unknown_path_is_a_404_problem(client):
    answer = client.get("/api/v1/nothing-here")

    assert answer.status_code == 404 and answer.content_type == PROBLEM_JSON

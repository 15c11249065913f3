import re

from eventsourcing.persistence import OperationalError

from interfaces.web import create_app
from interfaces.web.problems import PROBLEM_JSON
from tests.interfaces.conftest import ENTERPRISE_BIN, bearer


def test_healthz_answers_ok_without_a_token(client):
    answer = client.get("/healthz")

    assert answer.status_code == 200 and answer.json == {"status": "ok"}


def test_readyz_reports_every_applications_store_position(client, tokens):
    answer = client.get("/readyz")

    assert answer.status_code == 200
    positions = answer.json["positions"]
    assert {"participants", "agreements"} <= set(positions)
    assert positions["participants"] >= 3


def test_readyz_is_503_when_the_store_cannot_be_reached(settings):
    def unreachable(settings):
        raise OperationalError("connection refused")

    app = create_app(settings=settings, system_factory=unreachable)

    answer = app.test_client().get("/readyz")

    assert answer.status_code == 503
    assert answer.content_type == PROBLEM_JSON and answer.json["rule"] == "not_ready"


def test_a_store_down_while_serving_is_503_not_500(settings):
    def unreachable(settings):
        raise OperationalError("connection refused")

    app = create_app(settings=settings, system_factory=unreachable)

    answer = app.test_client().get(f"/api/v1/organisations/{ENTERPRISE_BIN}",
                                   headers=bearer("some-token"))

    assert answer.status_code == 503 and answer.headers["Retry-After"]


def test_the_system_is_built_on_first_use_not_when_the_app_is_made(settings):
    built = []

    def factory(settings):
        built.append(settings)
        raise OperationalError("not now")

    app = create_app(settings=settings, system_factory=factory)
    assert built == []

    app.test_client().get("/healthz")
    assert built == []
    app.test_client().get("/readyz")
    assert built == [settings]


def test_metrics_count_requests_by_method_route_and_status_and_show_positions(client, tokens):
    client.get(f"/api/v1/organisations/{ENTERPRISE_BIN}", headers=bearer(tokens.admin))
    client.get("/api/v1/organisations/220940000008", headers=bearer(tokens.admin))

    answer = client.get("/metrics")

    text = answer.get_data(as_text=True)
    assert answer.status_code == 200 and answer.mimetype == "text/plain"
    assert ('dualtrack_http_requests_total{method="GET",route="/api/v1/organisations/<bin:bin>",'
            'status="200"} 1') in text
    assert 'route="unmatched",status="404"} 1' in text
    assert re.search(r'dualtrack_http_request_duration_seconds_bucket\{le="\+Inf",'
                     r'route="/api/v1/organisations/<bin:bin>"\} 1\.0', text)
    assert 'dualtrack_max_notification_id{application="participants"}' in text

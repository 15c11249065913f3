"""Generated requests, valid and invalid, against every documented operation: never a 5xx."""

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from tests.interfaces.conftest import bearer

MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
NOT_FUZZED = {"/healthz", "/readyz", "/metrics"}  # no input to vary


def test_no_generated_request_gets_a_server_error(app, tokens):
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    server_errors = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path in NOT_FUZZED:
            continue
        for mode in MODES:

            @hypothesis_settings(max_examples=20, deadline=None, database=None,
                                 suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case):
                case.headers = {**(case.headers or {}), **bearer(tokens.admin)}
                answer = case.call()
                if answer.status_code >= 500:
                    server_errors.append((case.operation.label, case.body, answer.text[:200]))

            call()

    assert server_errors == []

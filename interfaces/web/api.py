"""flask-smorest, set up for dualtrack's conventions.

``ApiBlueprint`` documents on each operation what the hooks do for every request
(bearer authentication, ``Idempotency-Key`` on POST, problem+json errors), so the
OpenAPI document stays true without any view repeating it.
"""

from __future__ import annotations

import http
from typing import Any

from flask import Flask, jsonify
from flask_smorest import Api, Blueprint
from flask_smorest.utils import prepare_response

from interfaces.web.converters import CONVERTERS, identifier_schema
from interfaces.web.etags import IF_MATCH_PARAMETER
from interfaces.web.fields.problem import ProblemSchema
from interfaces.web.idempotency import IDEMPOTENCY_KEY_PARAMETER
from interfaces.web.openapi_document import complete_document, conventions_description
from interfaces.web.problems import PROBLEM_JSON

BEARER = "bearerAuth"
_SECURED_ANSWERS = {401: "UNAUTHORIZED", 403: "FORBIDDEN"}
_POST_ANSWERS = {400: "BAD_REQUEST", 409: "CONFLICT", 413: "REQUEST_ENTITY_TOO_LARGE",
                 422: "UNPROCESSABLE_ENTITY"}

_CREATED_HEADERS = {
    "Location": {"description": "where to read it", "schema": {"type": "string"}},
    "ETag": {"description": 'its version, "1"', "schema": {"type": "string"}},
}


class DualtrackApi(Api):
    ERROR_SCHEMA = ProblemSchema
    # No catch-all ``default`` answer: every status an operation gives is listed.
    DEFAULT_ERROR_RESPONSE_NAME = None

    def _openapi_json(self) -> Any:
        return jsonify(self.document())

    def document(self) -> dict[str, Any]:
        """The OpenAPI document, completed (examples, tags): what ``/openapi.json`` serves."""
        return complete_document(self.spec.to_dict())  # type: ignore[union-attr]

    def _register_error_handlers(self) -> None:
        """Nothing: ``problems.register_problem_handlers`` answers every error."""

    def _register_responses(self) -> None:
        # As flask-smorest's, but errors are documented as application/problem+json.
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)  # type: ignore[union-attr]


class ApiBlueprint(Blueprint):
    """The Blueprint every resource uses (``ApiBlueprint("agreements", __name__, ...)``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.append(self._prepare_conventions_doc)

    def _store_endpoint_docs(self, endpoint: str, obj: Any, parameters: Any, tags: Any,
                             **options: Any) -> None:
        # Each operation is named after its Flask endpoint (what ``url_for`` takes), so
        # the id is stable while the view keeps its name: ``agreements.list_agreements``.
        super()._store_endpoint_docs(endpoint, obj, parameters, tags, **options)
        methods = [m for m in self._docs[endpoint] if m != "parameters"]
        for method in methods:
            operation_id = f"{self.name}.{endpoint}"
            if len(methods) > 1:
                operation_id += f".{method}"
            manual = self._docs[endpoint][method].setdefault("manual_doc", {})
            manual.setdefault("operationId", operation_id)
            # Every route but the probes is rate limited (interfaces.web.limits).
            self._docs[endpoint][method]["rate_limited"] = self.name != "operations"

    @staticmethod
    def _prepare_conventions_doc(doc: dict[str, Any], doc_info: dict[str, Any], *,
                                 method: str, **kwargs: Any) -> dict[str, Any]:
        responses = doc.setdefault("responses", {})
        if not doc_info.get("public"):
            doc["security"] = [{BEARER: []}]
            for status, name in _SECURED_ANSWERS.items():
                responses.setdefault(status, name)
        if doc_info.get("rate_limited"):
            responses.setdefault(429, "TOO_MANY_REQUESTS")
        if doc_info.get("if_match"):
            doc.setdefault("parameters", []).append(IF_MATCH_PARAMETER)
            responses.setdefault(412, "PRECONDITION_FAILED")
        if method == "post":
            doc.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
            for status, name in _POST_ANSWERS.items():
                responses.setdefault(status, name)
        if isinstance(created := responses.get(201), dict):
            created.setdefault("headers", {}).update(_CREATED_HEADERS)
        # A view's docstring body, when it has one, replaces this description.
        doc["description"] = conventions_description(method, doc_info, responses)
        return doc


def make_api(app: Flask) -> DualtrackApi:
    app.config.update(
        API_TITLE="dualtrack", API_VERSION="v1", OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/", OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": "System of record for dual training in Kazakhstan's "
                                    "TVET colleges: agreements, mentors, payments and "
                                    "work-experience credit."},
            "components": {"securitySchemes": {BEARER: {"type": "http", "scheme": "bearer"}}},
        },
    )
    for name, converter in CONVERTERS.items():
        app.url_map.converters[name] = converter
    api = DualtrackApi(app)
    for converter in CONVERTERS.values():
        api.register_converter(converter, identifier_schema)
    return api

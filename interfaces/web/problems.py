"""Every error answer is ``application/problem+json`` (RFC 9457), built here and only here.

``type`` is a tag URI naming the rule that failed (not meant to be fetched),
``rule`` the same rule bare, and a 422 has ``errors`` keyed by field
(``trainee.iin``), each ``{"rule", "message"}``.

``title``, ``detail`` and each error's ``message`` are in the request's language
(``Accept-Language``, else ``DUALTRACK_DEFAULT_LOCALE``): in English the message as it
was built (naming the values); in Russian and Kazakh the catalogue's sentence for the rule
(``interfaces.i18n.rule_message``), falling back to the English message for a rule the
catalogue has no sentence for. ``type``, ``rule``, ``status`` and the keys never change.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from eventsourcing.persistence import IntegrityError, InterfaceError, OperationalError
from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from application.errors import (
    ConcurrentWriteError,
    NotFoundError,
    PermissionDeniedError,
    StaleVersionError,
)
from domain.shared.errors import DomainError, InvalidValueError, RuleViolationError
from infrastructure.pool import StoreBusyError
from interfaces import i18n
from interfaces.web.fields.rules import rule_of

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "tag:dualtrack.kz,2026:problem:"
# The key for an error that belongs to the request as a whole, not to one field.
WHOLE_REQUEST = "_request"


class ProblemError(Exception):
    """Raise from the web layer to answer with a problem (e.g. 400 malformed JSON)."""

    def __init__(self, status: int, detail: str, *, rule: str | None = None,
                 errors: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.rule = status, detail, rule
        self.errors, self.headers = errors, headers or {}


def problem(status: int, detail: str, *, rule: str | None = None,
            errors: dict[str, Any] | None = None,
            headers: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + rule if rule else "about:blank",
        "title": i18n.pgettext("http-status", HTTPStatus(status).phrase),
        "status": status,
        "detail": i18n.rule_message(rule, detail),
        "instance": request.path,
    }
    if rule:
        body["rule"] = rule
    if errors is not None:
        body["errors"] = {name: _localised(error) for name, error in errors.items()}
    if correlation_id := g.get("correlation_id"):
        body["correlation_id"] = correlation_id
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers,
                     mimetype=PROBLEM_JSON)


def _localised(error: Any) -> Any:
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return {**error, "message": i18n.rule_message(error.get("rule"), error["message"])}
    return error


def field_errors(messages: Any, prefix: str = "") -> dict[str, dict[str, str]]:
    """Marshmallow's nested messages flattened to ``{"trainee.iin": {rule, message}}``."""
    if isinstance(messages, dict):
        flat: dict[str, dict[str, str]] = {}
        for key, value in messages.items():
            name = prefix if key == "_schema" else f"{prefix}.{key}" if prefix else str(key)
            flat.update(field_errors(value, name))
        return flat
    listed = messages if isinstance(messages, list) else [messages]
    if any(isinstance(m, dict) for m in listed):
        return {k: v for m in listed for k, v in field_errors(m, prefix).items()}
    return {prefix or WHOLE_REQUEST: {"rule": rule_of(listed[0]),
                                      "message": " ".join(str(m) for m in listed)}}


def _from_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
    if status == 422 and "messages" in data:
        # webargs namespaces messages by location ({"json": {...}}); fields are unique anyway.
        errors: dict[str, dict[str, str]] = {}
        for location_messages in data["messages"].values():
            errors.update(field_errors(location_messages))
        return problem(422, i18n.gettext("the request has invalid fields: %(fields)s",
                                         fields=", ".join(errors)),
                       rule="validation", errors=errors)
    return problem(status, error.description or HTTPStatus(status).phrase,
                   rule=_HTTP_RULES.get(status), headers=headers)


_HTTP_RULES = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large",
               415: "unsupported_media_type"}


def _invalid_value(error: InvalidValueError) -> Response:
    errors = {error.field or WHOLE_REQUEST: {"rule": error.rule, "message": error.message}}
    return problem(422, error.message, rule=error.rule, errors=errors)


def _rule_violation(error: RuleViolationError) -> Response:
    """409; with ``errors`` naming the field when the rule says which one it is about."""
    field = getattr(error, "field", "")
    errors = {field: {"rule": error.rule, "message": error.message}} if field else None
    return problem(409, error.message, rule=error.rule, errors=errors)


def _unexpected(error: Exception) -> Response:
    current_app.logger.exception("unhandled error (correlation id %s)",
                                 g.get("correlation_id"), exc_info=error)
    return problem(500, "an unexpected error occurred; it has been logged", rule="internal")


def _store_unavailable(error: Exception) -> Response:
    current_app.logger.error("event store unavailable: %s", error)
    return problem(503, "the event store is unavailable; retry shortly", rule="store_unavailable",
                   headers={"Retry-After": "5"})


def _store_busy(error: Exception) -> Response:
    current_app.logger.warning("store busy: %s", error)
    return problem(503, "the service is busy or cannot reach its database; retry shortly",
                   rule="store_busy", headers={"Retry-After": "2"})


def _handlers() -> dict[type[Exception], Any]:
    def status(code: int) -> Any:
        return lambda error: problem(code, error.message, rule=error.rule)

    return {
        ProblemError: lambda e: problem(e.status, e.detail, rule=e.rule, errors=e.errors,
                                        headers=e.headers),
        HTTPException: _from_http_exception,
        InvalidValueError: _invalid_value,
        PermissionDeniedError: status(403),
        NotFoundError: status(404),
        StaleVersionError: status(412),
        ConcurrentWriteError: status(409),
        RuleViolationError: _rule_violation,
        DomainError: status(409),
        IntegrityError: lambda e: problem(409, "another request recorded this at the same "
                                          "time; read it again and retry",
                                          rule="concurrent_write"),
        StoreBusyError: _store_busy,
        OperationalError: _store_unavailable,
        InterfaceError: _store_unavailable,
        Exception: _unexpected,
    }


def register_problem_handlers(app: Flask) -> None:
    for exception_class, handler in _handlers().items():
        app.register_error_handler(exception_class, handler)

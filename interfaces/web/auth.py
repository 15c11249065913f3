"""Who is calling: the bearer token becomes a Principal on ``flask.g``; every endpoint needs
one unless it is marked ``@public``.

The correlation id (from ``X-Request-ID`` / ``X-Correlation-ID``, or a new one) is stamped
on every event the request records and echoed in the ``X-Correlation-ID`` response header.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar
from uuid import uuid4

from flask import Response, current_app, g, request

from application.security import Principal
from interfaces.web.problems import ProblemError
from interfaces.web.runtime import system

F = TypeVar("F", bound=Callable[..., object])

CORRELATION_HEADERS = ("X-Request-ID", "X-Correlation-ID")
_SAFE_CORRELATION_ID = re.compile(r"[A-Za-z0-9._:-]{1,100}")
# flask-smorest's own endpoint, which no decorator of ours can reach.
PUBLIC_ENDPOINTS = {"api-docs.openapi_json", "static"}


def public(view: F) -> F:
    """Mark a view as needing no token (health checks, the API's documentation)."""
    view.is_public = True  # type: ignore[attr-defined]
    view._apidoc = {**getattr(view, "_apidoc", {}), "public": True}  # type: ignore[attr-defined]
    return view


def principal() -> Principal:
    """The authenticated caller of this request."""
    found = g.get("principal")
    if found is None:
        raise _unauthorised("this endpoint needs a bearer token", "missing_token")
    return found


def _correlation_id() -> str:
    for header in CORRELATION_HEADERS:
        value = request.headers.get(header, "")
        if _SAFE_CORRELATION_ID.fullmatch(value):
            return value
    return uuid4().hex


def _is_public() -> bool:
    if request.endpoint is None:  # unrouted: let the 404 or 405 answer
        return True
    view = current_app.view_functions.get(request.endpoint)
    return request.endpoint in PUBLIC_ENDPOINTS or getattr(view, "is_public", False)


def _unauthorised(detail: str, rule: str) -> ProblemError:
    challenge = 'Bearer realm="dualtrack"'
    if rule == "invalid_token":
        challenge += ', error="invalid_token"'
    return ProblemError(401, detail, rule=rule, headers={"WWW-Authenticate": challenge})


def authenticate() -> None:
    g.correlation_id = _correlation_id()
    if request.method == "OPTIONS" or _is_public():
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorised("send Authorization: Bearer <token>", "missing_token")
    found = system().participants.authenticate(token.strip(), g.correlation_id)
    if found is None:
        raise _unauthorised("the token is unknown or revoked", "invalid_token")
    g.principal = found


def echo_correlation_id(response: Response) -> Response:
    if correlation_id := g.get("correlation_id"):
        response.headers["X-Correlation-ID"] = correlation_id
    return response

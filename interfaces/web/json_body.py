"""Request bodies: JSON objects of at most 1 MiB, or nothing.

Checked once before any view, so that a malformed body is a 400 everywhere
(never a 422 about "invalid input type", never a 500 from a deeply nested array).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, current_app, request

from interfaces.web.problems import ProblemError

MAX_BODY_BYTES = 1024 * 1024
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads keeps the last of two equal keys; a body saying two things is refused.
    body: dict[str, Any] = {}
    for key, value in pairs:
        if key in body:
            raise ValueError(f"the key {key!r} appears twice in one object")
        body[key] = value
    return body


def parse_body(raw: bytes) -> Any:
    try:
        return json.loads(raw, parse_constant=_refuse_constant,
                          object_pairs_hook=_refuse_duplicate_keys)
    except (ValueError, RecursionError) as error:
        raise ProblemError(400, f"the body is not valid JSON: {error}",
                           rule="malformed_json") from None


def check_json_body() -> None:
    if request.method not in BODY_METHODS or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "form_body", False):  # an HTML form (the dashboard's sign-in)
        return
    if (file_limit := getattr(view, "file_body_limit", None)) is not None:
        # A file upload (the intake import): its own size limit, read by the view.
        request.max_content_length = file_limit()
        return
    raw = request.get_data(cache=True)  # over MAX_CONTENT_LENGTH: werkzeug answers 413
    if not raw.strip():
        return
    if not request.is_json:
        raise ProblemError(415, "send the body as Content-Type: application/json",
                           rule="unsupported_media_type")
    if not isinstance(parse_body(raw), dict):
        raise ProblemError(400, "the body must be a JSON object", rule="body_not_object")


def limit_body_size(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

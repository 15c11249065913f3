"""``Idempotency-Key`` on every authenticated POST, with no code in the views.

Before the view: the key is reserved (or its stored answer replayed, marked
``Idempotent-Replayed: true``). After it: a 2xx answer is stored with the key; any
other answer released it, since a failed command records nothing and may be retried.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from flask import Response, current_app, g, request

from infrastructure.idempotency.store import StoredResponse
from interfaces.web.json_body import parse_body
from interfaces.web.problems import ProblemError
from interfaces.web.runtime import runtime

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
STORED_HEADERS = ("Content-Type", "Location", "ETag", "X-Position")
_KEY = re.compile(r"[\x21-\x7e]{1,255}")

IDEMPOTENCY_KEY_PARAMETER = {
    "in": "header", "name": HEADER, "required": False,
    "description": "a unique key per intended effect (a UUID): a retry with the same key and "
                   "body gets the first answer and records nothing more",
    "schema": {"type": "string", "maxLength": 255},
}


def _key() -> str | None:
    raw = request.headers.get(HEADER)
    if raw is None:
        return None
    key = raw.strip().strip('"')  # also accept the structured-field form "..."
    if not _KEY.fullmatch(key):
        raise ProblemError(400, f"{HEADER} must be 1-255 visible ASCII characters",
                           rule="idempotency_key_format")
    return key


def fingerprint() -> str:
    """The request's method, path and body; JSON bodies compare by content, not spacing."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        body = b""
    elif request.is_json:
        body = json.dumps(parse_body(raw), sort_keys=True).encode()
    else:  # a file (an intake import): its bytes
        body = raw
    digest = hashlib.sha256(f"{request.method} {request.full_path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


def begin() -> Response | None:
    if request.method != "POST" or g.get("principal") is None:
        return None
    key = _key()
    if key is None:
        return None
    stored = runtime().idempotency.reserve(
        g.principal, key, fingerprint=fingerprint(), method=request.method,
        path=request.path, now=datetime.now(UTC))
    if stored is None:
        g.idempotency_key = key
        return None
    replay = Response(stored.body, status=stored.status, headers=stored.headers)
    replay.headers[REPLAYED_HEADER] = "true"
    return replay


def finish(response: Response) -> Response:
    key = g.pop("idempotency_key", None)
    if key is None:
        return response
    keys = runtime().idempotency
    try:
        if 200 <= response.status_code < 300:
            headers = {h: response.headers[h] for h in STORED_HEADERS if h in response.headers}
            keys.complete(g.principal, key, StoredResponse(
                response.status_code, response.get_data(as_text=True), headers))
        else:
            keys.release(g.principal, key)
    except Exception:  # the answer stands; the reservation expires (ABANDONED_AFTER)
        current_app.logger.exception("could not store the answer for %s %r", HEADER, key)
    return response

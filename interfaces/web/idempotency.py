"""``Idempotency-Key`` on every authenticated POST, with no code in the views.

Before the view: the key is reserved (or its earlier answer replayed, marked
``Idempotent-Replayed: true``). After it: a 2xx answer's status and headers are kept with
the key (``infrastructure/idempotency``), not its body; any other answer releases the key,
since a failed command records nothing and may be retried.

A replay re-reads the resource the answer named (``Location``, else the resource the
request was made on; at the version of its ``ETag`` where the resource has versions) with the caller's own credentials, so it is
the same status and the same resource, and no copy of an answer's body is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from flask import Response, current_app, g, request
from werkzeug.exceptions import HTTPException

from infrastructure.idempotency.store import KEPT_HEADERS, StoredResponse
from interfaces.web.json_body import parse_body
from interfaces.web.problems import ProblemError
from interfaces.web.runtime import runtime

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
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
    replay = Response(_reread(stored), status=stored.status, headers=stored.headers)
    replay.headers[REPLAYED_HEADER] = "true"
    return replay


def _resource(response: Response) -> str | None:
    """What a replay re-reads: Location, or the nearest resource the request's path is under
    that answers GET (``/agreements/{id}`` for ``POST /agreements/{id}/termination``)."""
    if location := response.headers.get("Location"):
        return location
    adapter = current_app.url_map.bind("")
    parts = request.path.rstrip("/").split("/")
    while len(parts) > 3:  # not above /api/v1/<collection>
        path = "/".join(parts)
        try:
            adapter.match(path, method="GET")
            return path
        except HTTPException:
            parts.pop()
    return None


def _reread(stored: StoredResponse) -> bytes:
    """The resource the first answer named, read again as the caller: its body."""
    location = stored.resource or stored.headers.get("Location")
    if not location:
        return b""
    headers = {name: request.headers[name] for name in ("Authorization", "Accept",
                                                        "Accept-Language")
               if name in request.headers}
    if correlation_id := g.get("correlation_id"):
        headers["X-Request-ID"] = correlation_id
    client = current_app.test_client()
    version = stored.headers.get("ETag", "").strip('"')
    if version.isdigit():
        separator = "&" if "?" in location else "?"
        answer = client.get(f"{location}{separator}version={version}", headers=headers)
        if answer.status_code == 200:
            return answer.get_data()
    answer = client.get(location, headers=headers)
    return answer.get_data() if answer.status_code == 200 else b""


def finish(response: Response) -> Response:
    key = g.pop("idempotency_key", None)
    if key is None:
        return response
    keys = runtime().idempotency
    try:
        if 200 <= response.status_code < 300:
            headers = {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}
            keys.complete(g.principal, key, StoredResponse(response.status_code, headers,
                                                           _resource(response)))
        else:
            keys.release(g.principal, key)
    except Exception:  # the answer stands; the reservation expires (ABANDONED_AFTER)
        current_app.logger.exception("could not store the answer for %s %r", HEADER, key)
    return response

"""Rate limits (flask-limiter) and CORS (flask-cors), both from the settings.

Rate limits: ``DUALTRACK_RATE_LIMIT`` (default ``600/minute``) counted twice over, per
bearer token and per client IP, across every route but the probes (``/healthz``,
``/readyz``, ``/metrics``). Counters are in the process's memory: each worker counts its
own, so the limit a client meets is at most workers x the setting. A refusal is 429
problem+json with ``Retry-After`` (seconds). ``off`` turns limits off; the test suite
turns them off (``RATE_LIMITS_ENABLED``) unless a test asks for them.

The certificate check that needs no token (``VERIFICATION_ENDPOINT``) has a tighter limit
of its own on top, per client IP: ``DUALTRACK_VERIFICATION_RATE_LIMIT`` (default
``30/minute``), so that guessing verification codes stays hopeless (31^12 codes).

CORS: ``DUALTRACK_CORS_ORIGINS``, a comma-separated list of origins (none by default: no
CORS headers at all) for ``/api/*`` and ``/openapi.json``, with the headers a client
needs to send (``Authorization``, ``If-Match``, ``Idempotency-Key``) and to read.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable

from flask import Flask, Response, request
from flask_cors import CORS
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded
from limits import parse_many

from infrastructure.settings import Settings
from interfaces.web.problems import problem

# The test suite sets this to False (tests/conftest.py); a test that checks limits sets it back.
RATE_LIMITS_ENABLED = True
OFF = ("", "off", "none", "no")
_PROBES = ("/healthz", "/readyz", "/metrics")
VERIFICATION_ENDPOINT = "work_experience.verify_certificate"
ALLOWED_HEADERS = ["Authorization", "Content-Type", "If-Match", "If-None-Match",
                   "Idempotency-Key", "X-Min-Position", "X-Request-ID", "X-Correlation-ID",
                   "Accept-Language"]
EXPOSED_HEADERS = ["ETag", "Location", "Link", "X-Position", "X-Views-Stale", "Retry-After",
                   "X-Correlation-ID", "X-Total-Count", "Deprecation", "Sunset",
                   "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"]


def install_cors(app: Flask, settings: Settings) -> None:
    if not settings.cors_origins:
        return
    CORS(app, resources={r"/api/*": {}, r"/openapi.json": {}},
         origins=list(settings.cors_origins), allow_headers=ALLOWED_HEADERS,
         expose_headers=EXPOSED_HEADERS, methods=["GET", "POST", "OPTIONS"], max_age=600,
         supports_credentials=False)


def _client_ip() -> str:
    return request.remote_addr or "unknown"


def _token_key() -> str:
    # A digest, never the token itself: the counters must not hold credentials.
    _, _, token = request.headers.get("Authorization", "").partition(" ")
    return hashlib.sha256(token.strip().encode()).hexdigest()[:32]


def _is_probe() -> bool:
    return request.path in _PROBES or request.method == "OPTIONS"


def _without_token() -> bool:
    return _is_probe() or not request.headers.get("Authorization", "").strip()


def _not_verification() -> bool:
    return request.endpoint != VERIFICATION_ENDPOINT or request.method == "OPTIONS"


def install_rate_limits(app: Flask, settings: Settings) -> Limiter | None:
    rate = settings.rate_limit
    if rate.lower() in OFF:
        return None
    parse_many(rate)  # a setting that is not a rate fails at start, not at the first request
    limits: list[str | Callable[[], str] | ApplicationLimit] = [
        ApplicationLimit(rate, key_function=_token_key, scope="token",
                         exempt_when=_without_token),
        ApplicationLimit(rate, key_function=_client_ip, scope="ip", exempt_when=_is_probe),
    ]
    checks = settings.verification_rate_limit
    if checks.lower() not in OFF:
        parse_many(checks)
        limits.append(ApplicationLimit(checks, key_function=_client_ip, scope="verification",
                                       exempt_when=_not_verification))
    limiter = Limiter(
        _client_ip, app=app, storage_uri="memory://", headers_enabled=True,
        enabled=RATE_LIMITS_ENABLED, key_prefix="dualtrack", application_limits=limits)

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error: RateLimitExceeded) -> Response:
        current = limiter.current_limit
        wait = 1 if current is None else max(1, math.ceil(current.reset_at - time.time()))
        return problem(429, f"too many requests: at most {rate} per token and per address; "
                       f"retry in {wait} s", rule="rate_limit",
                       headers={"Retry-After": str(wait)})

    return limiter

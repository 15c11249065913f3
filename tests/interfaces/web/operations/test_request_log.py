"""One JSON line per request, by route template: never a token, a query string or an IIN."""

from __future__ import annotations

import io
import json
import logging

from interfaces import logs
from tests.interfaces.conftest import TRAINEE_IIN, bearer


def test_each_request_is_one_json_line_by_route_and_holds_no_token_or_iin(app, client, tokens,
                                                                          monkeypatch):
    monkeypatch.setenv("DUALTRACK_LOG_FORMAT", "json")
    out = io.StringIO()
    logs.configure(out)
    try:
        client.get(f"/api/v1/trainees/{TRAINEE_IIN}/work-experience?secret=1",
                   headers=bearer(tokens.trainee))
        client.get("/api/v1/agreements", headers=bearer("not-a-real-token-but-secret"))
        client.get(f"/dashboard?token={tokens.auditor}")
        client.post("/api/v1/agreements", json={"trainee": {"iin": TRAINEE_IIN}},
                    headers=bearer(tokens.college))
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "_dualtrack_configured", False):
                root.removeHandler(handler)
    text = out.getvalue()
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    requests = [line for line in lines if line.get("logger") == "dualtrack.requests"]

    assert [r["route"] for r in requests] == ["/api/v1/trainees/<iin:iin>/work-experience",
                                              "/api/v1/agreements", "/dashboard",
                                              "/api/v1/agreements"]
    assert [r["status"] for r in requests][:3] == [200, 401, 400]
    assert requests[0]["role"] == "trainee" and requests[1]["role"] is None
    assert all({"time", "level", "request_id", "method", "duration_ms"} <= set(r)
               for r in requests)
    for secret in (tokens.trainee, tokens.auditor, tokens.college, TRAINEE_IIN,
                   "not-a-real-token-but-secret", "secret=1"):
        assert secret not in text


def test_the_text_format_is_kept_for_a_terminal(monkeypatch):
    monkeypatch.setenv("DUALTRACK_LOG_FORMAT", "text")
    record = logging.LogRecord("dualtrack.x", logging.INFO, __file__, 1, "hello", None, None)
    assert logs.formatter().format(record).endswith("INFO dualtrack.x: hello")

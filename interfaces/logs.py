"""Logging for every process: one JSON object per line (python-json-logger), or text.

``DUALTRACK_LOG_FORMAT=json`` (the default) for log collectors; ``text`` keeps the
readable form for a terminal. What is logged never holds a token, a query string, a raw
path (``/trainees/{iin}/...`` holds an IIN) or other personal data: requests are logged
by their route template (``interfaces.web.request_log``), and gunicorn's own access log,
which prints the raw request line, is switched off by ``dualtrack serve``.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_CONFIGURED = "_dualtrack_configured"


def log_format() -> str:
    chosen = os.environ.get("DUALTRACK_LOG_FORMAT", "json").strip().lower()
    return chosen if chosen in ("json", "text") else "json"


def formatter(chosen: str | None = None) -> logging.Formatter:
    if (chosen or log_format()) == "text":
        return logging.Formatter(TEXT_FORMAT)
    return JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s",
                         rename_fields={"asctime": "time", "levelname": "level",
                                        "name": "logger"},
                         json_ensure_ascii=False)


def configure(stream: TextIO | None = None, level: int = logging.INFO) -> None:
    """Send the ``dualtrack`` loggers (and warnings of the libraries) to ``stream``."""
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, _CONFIGURED, False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter())
    setattr(handler, _CONFIGURED, True)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("dualtrack").setLevel(level)

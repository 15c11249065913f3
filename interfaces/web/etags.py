"""Versions on the wire: ``ETag: "<version>"`` out, ``If-Match: "<version>"`` in.

Also ``X-Position``: the position of the request's last write, named with its
application (``agreements:123``). A client sends it back as ``X-Min-Position`` (or
``min_position``) to a list or monitoring read, which then includes that write.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import request

from application.base import Recorded
from interfaces.web.problems import ProblemError

_STRONG_VERSION_TAG = re.compile(r'"(\d{1,18})"')

IF_MATCH_PARAMETER = {
    "in": "header", "name": "If-Match", "required": False,
    "description": 'the version you last read, as its ETag ("3"); 412 if it has moved on',
    "schema": {"type": "string", "example": '"3"'},
}


def tagged(result: Any, *, location: str | None = None) -> dict[str, str]:
    """Headers for an aggregate answer: its ETag, Location for a created one, and for a
    command's ``Recorded`` outcome the position of what it wrote (``X-Position``)."""
    aggregate = result.aggregate if isinstance(result, Recorded) else result
    headers = {"ETag": f'"{aggregate.version}"'}
    if location:
        headers["Location"] = location
    if isinstance(result, Recorded) and result.position is not None:
        headers["X-Position"] = result.position
    return headers


def expected_version() -> int | None:
    """The version named by If-Match, or None when absent (or ``*``)."""
    value = request.headers.get("If-Match", "").strip()
    if not value or value == "*":
        return None
    match = _STRONG_VERSION_TAG.fullmatch(value)
    if match is None:
        raise ProblemError(400, 'If-Match must be one version ETag, e.g. If-Match: "3"',
                           rule="if_match_format")
    return int(match.group(1))


def if_match(view: Callable[..., Any]) -> Callable[..., Any]:
    """Pass ``expected_version`` (from If-Match) to the view, and document the header."""

    @wraps(view)
    def with_expected_version(*args: Any, **kwargs: Any) -> Any:
        return view(*args, expected_version=expected_version(), **kwargs)

    # ApiBlueprint documents the header and the 412 from this mark.
    with_expected_version._apidoc = {  # type: ignore[attr-defined]
        **getattr(view, "_apidoc", {}), "if_match": True}
    return with_expected_version

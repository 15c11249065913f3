"""Reading the views with read-your-writes: ``X-Min-Position`` in, ``X-Views-Stale`` out.

A write answers with ``X-Position`` (``agreements:123``). A client that wants a list or
monitoring read to include that write sends it back, as the ``X-Min-Position`` header or
the ``min_position`` parameter (several joined by commas; a bare number is a position
of the agreements application). The read then waits, at most
``app.config["DUALTRACK_VIEWS_WAIT_SECONDS"]`` (2 s by default), for the views to
apply it. If they have not by then, it answers anyway, from the views as they are,
marked ``X-Views-Stale: true``: a slightly old figure is more use to a screen than an
error, and the client can retry with the same position. Every such answer also says
where the views are (``X-Views-Position``).

Who moves the views meanwhile: on SQLite the waiting request applies the missing
events itself (besides the serving process's background catch-up, see ``runtime``); on
PostgreSQL it only waits for the ``dualtrack projections run`` worker, and a read
without a position never touches the event store, it just reads the views.

Positions of applications that no view is made from (the intake's import jobs, say) are
ignored: there is nothing to wait for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from flask import current_app, request

from application.projections import Projections, format_position, parse_positions
from application.projections.schema import SOURCES
from interfaces.web.problems import ProblemError
from interfaces.web.runtime import projections, runtime

F = TypeVar("F", bound=Callable[..., Any])

MIN_POSITION_HEADER = "X-Min-Position"
STALE_HEADER = "X-Views-Stale"
VIEWS_POSITION_HEADER = "X-Views-Position"
WAIT_SECONDS_CONFIG = "DUALTRACK_VIEWS_WAIT_SECONDS"
DEFAULT_WAIT_SECONDS = 2.0
DEFAULT_SOURCE = "agreements"
POSITION_EXAMPLE = "agreements:123,mentor_payments:7"

MIN_POSITION_DESCRIPTION = (
    "read your own writes: the X-Position of your write (several joined by commas; a bare "
    "number is a position of the agreements application). The read waits up to 2 s for "
    "the views to include it, then answers anyway, marked X-Views-Stale: true.")
_MIN_POSITION_PARAMETER = {
    "in": "header", "name": MIN_POSITION_HEADER, "required": False,
    "description": MIN_POSITION_DESCRIPTION,
    "schema": {"type": "string", "example": POSITION_EXAMPLE},
}
RESPONSE_HEADERS = {
    STALE_HEADER: {"description": "true when the views had not reached the requested "
                                  "position within the wait; the answer is from older views",
                   "schema": {"type": "string", "enum": ["true"]}},
    VIEWS_POSITION_HEADER: {"description": "the position of the views this answer was read "
                                           "from", "schema": {"type": "string",
                                                              "example": POSITION_EXAMPLE}},
}


def reads_views(view: F) -> F:
    """Mark a view that reads the projections, so that the header is documented."""
    view._apidoc = {**getattr(view, "_apidoc", {}), "reads_views": True}  # type: ignore[attr-defined]
    return view


def document_freshness(blueprint: Any) -> None:
    """Document ``X-Min-Position`` and the answer's headers on ``@reads_views`` views."""

    def prepare(doc: dict[str, Any], doc_info: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if doc_info.get("reads_views"):
            doc.setdefault("parameters", []).append(_MIN_POSITION_PARAMETER)
            # The views need a rebuild (``views_outdated``) or their store is away.
            doc.setdefault("responses", {}).setdefault(503, "SERVICE_UNAVAILABLE")
            for status, answer in doc.get("responses", {}).items():
                if str(status).startswith("2") and isinstance(answer, dict):
                    answer.setdefault("headers", {}).update(RESPONSE_HEADERS)
        return doc

    if not getattr(blueprint, "documents_freshness", False):
        blueprint._prepare_doc_cbks.append(prepare)
        blueprint.documents_freshness = True


def wanted_positions(min_position: str | None) -> dict[str, int]:
    """The positions asked for by the header and the parameter (the later of the two)."""
    unprojected = {application.name for application in runtime().applications()} - set(SOURCES)
    wanted: dict[str, int] = {}
    for field, text in ((MIN_POSITION_HEADER, request.headers.get(MIN_POSITION_HEADER)),
                        ("min_position", min_position)):
        kept = [part for part in (text or "").split(",")
                if part.rpartition(":")[0].strip() not in unprojected]
        for source, position in parse_positions(",".join(kept), default_source=DEFAULT_SOURCE,
                                                field=field).items():
            wanted[source] = max(wanted.get(source, 0), position)
    return wanted


def current_views(min_position: str | None = None) -> tuple[Projections, dict[str, str]]:
    """The views, once they include the positions asked for (or the wait is over), and
    the headers that say how current they are."""
    views = projections()
    if views.outdated:
        raise ProblemError(503, "the views were made by another version of dualtrack; an "
                                "operator must run 'dualtrack projections rebuild'",
                           rule="views_outdated", headers={"Retry-After": "60"})
    wanted = wanted_positions(min_position)
    seconds = float(current_app.config.get(WAIT_SECONDS_CONFIG, DEFAULT_WAIT_SECONDS))
    caught_up = not wanted or views.wait_for(wanted, timeout=seconds)
    headers = {VIEWS_POSITION_HEADER: describe(views.store.positions())}
    if not caught_up:
        headers[STALE_HEADER] = "true"
    return views, headers


def describe(positions: Mapping[str, int]) -> str:
    return ",".join(format_position(source, positions.get(source, 0)) for source in SOURCES)

"""``GET /api/v1/worklist?as_of=``: what a college, an enterprise, a trainee or a mentor must
do, each item with its due day and whether it is overdue (``application.projections.
deadlines``). Only items of the caller's own agreements and contracts; other roles 403.
Ordered by due day, kind and subject. Read from the views, with read-your-writes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from application.projections.deadlines import WORKLIST_READERS
from interfaces.web.api import ApiBlueprint
from interfaces.web.auth import principal
from interfaces.web.freshness import current_views, document_freshness, reads_views
from interfaces.web.resources.worklist.details import localised
from interfaces.web.resources.worklist.schemas import AsOfQuery, WorklistOut

blp = ApiBlueprint("worklist", __name__, url_prefix="/api/v1",
                   description="What each party must do, and by when: the deadlines of its "
                               "own agreements and contracts.")
document_freshness(blp)


@blp.route("/worklist")
@blp.arguments(AsOfQuery, location="query", as_kwargs=True)
@blp.response(200, WorklistOut)
@reads_views
def worklist(as_of: date | None = None, min_position: str | None = None) -> Any:
    """What the caller must do (college, enterprise, trainee, mentor)

    Drafts unsigned (due 14 days after registration), practice starting without a mentor
    or a safety briefing (from 14 days before the start, due on it), acts awaiting
    approval (10 days), approved acts unpaid (30 days), certificates not issued (30 days
    after completion or termination). The thresholds are settings.
    """
    principal().require_role(*WORKLIST_READERS)  # refused before any wait
    views, headers = current_views(min_position)
    today = as_of or views.clock()
    items = views.worklist(principal(), today=today)
    return {"as_of": today, "items": [localised(item) for item in items]}, headers

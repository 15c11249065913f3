"""``GET /api/v1/audit/verification``: what ``dualtrack audit verify`` says of the history.

Every application's hash chain is recomputed from the stored bytes and checked against
the last seal kept in the database (``dualtrack audit seal``); each break names the
application, the position, the aggregate and the version. The views are not compared
here (that is ``audit verify``'s rebuild, too heavy for a request).
"""

from __future__ import annotations

from typing import Any

from domain.shared.audit import Role
from infrastructure.history.seals import SealStore, verify
from interfaces.web.auth import principal
from interfaces.web.fields import Bool, DateTime, Int, List, Nested, OutputSchema, Str, Uuid
from interfaces.web.resources.audit.views import blp
from interfaces.web.runtime import system

BREAKS_PER_APPLICATION = 100


class ChainBreakOut(OutputSchema):
    position = Int(metadata={"description": "the notification id (0: no event there, e.g. "
                                            "one deleted)"})
    aggregate_id = Uuid(allow_none=True)
    version = Int(allow_none=True)
    problem = Str(metadata={"example": "the stored event does not match its hash (changed, "
                                       "swapped or forged)"})


class ChainOut(OutputSchema):
    application = Str(metadata={"example": "agreements"})
    events = Int()
    aggregates = Int()
    last_position = Int()
    breaks = List(Nested(ChainBreakOut))


class SealOut(OutputSchema):
    sealed_at = DateTime()
    applications = Int()


class VerificationOut(OutputSchema):
    verified = Bool(metadata={"description": "no break in any chain, none against the seal"})
    seal = Nested(SealOut, allow_none=True,
                  metadata={"description": "the seal checked against; null before the first "
                                           "`dualtrack audit seal`"})
    chains = List(Nested(ChainOut))


@blp.route("/verification")
@blp.response(200, VerificationOut)
def verification() -> Any:
    """Recompute every event chain and check it against the last seal (auditor)

    Names each event whose stored content changed, was swapped, inserted or deleted, and
    an aggregate's last events deleted since the seal. At most 100 breaks per application.
    """
    principal().require_role(Role.AUDITOR)
    dualtrack = system()
    seals = SealStore(dualtrack.settings)
    try:
        seal = seals.last()
    finally:
        seals.close()
    result = verify(dualtrack.applications, seal, limit=BREAKS_PER_APPLICATION)
    return {
        "verified": result.verified,
        "seal": None if seal is None else {"sealed_at": seal.sealed_at,
                                           "applications": len(seal.applications)},
        "chains": [{"application": report.application, "events": report.notifications,
                    "aggregates": report.aggregates, "last_position": report.last_position,
                    "breaks": [{"position": b.position, "aggregate_id": b.originator_id,
                                "version": b.version, "problem": b.problem} for b in breaks]}
                   for report, breaks in result.reports]}

"""Every deadline kind, in the order their columns appear (monitoring, exports, dashboard).

To add a kind: a ``DeadlineKind`` subclass reading the views, and one line here.
"""

from __future__ import annotations

from application.projections.deadlines.agreement_kinds import (
    CertificateUnissued,
    DraftUnsigned,
    PracticeStartUnprepared,
)
from application.projections.deadlines.contract_kinds import ActAwaitingApproval, ActUnpaid
from application.projections.deadlines.kinds import DeadlineKind
from application.projections.deadlines.programme_kinds import (
    ClaimAwaitingDecision,
    GraduateUnplaced,
)

KINDS: tuple[DeadlineKind, ...] = (
    DraftUnsigned(), PracticeStartUnprepared(), ActAwaitingApproval(), ActUnpaid(),
    CertificateUnissued(), ClaimAwaitingDecision(), GraduateUnplaced(),
)
KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
KIND_TITLES: dict[str, str] = {kind.name: kind.title for kind in KINDS}
SUBJECT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(kind.subject for kind in KINDS))

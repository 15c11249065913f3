"""Deadlines (DOMAIN.md "Deadlines"): worklists and overdue counts, read from the views."""

from application.projections.deadlines.kinds import DeadlineKind, Facts, Item, Thresholds
from application.projections.deadlines.registry import (
    KIND_NAMES,
    KIND_TITLES,
    KINDS,
    SUBJECT_TYPES,
)
from application.projections.deadlines.worklist import (
    DEADLINE_COLUMNS,
    GROUPS,
    WORKLIST_READERS,
    DeadlineFigures,
    overdue_counts,
    worklist,
)

__all__ = ["DEADLINE_COLUMNS", "GROUPS", "KINDS", "KIND_NAMES", "KIND_TITLES",
           "SUBJECT_TYPES", "WORKLIST_READERS", "DeadlineFigures", "DeadlineKind", "Facts", "Item", "Thresholds",
           "overdue_counts", "worklist"]

"""The rules an import can break, one class per rule (tests assert the class)."""

from __future__ import annotations

from domain.shared.errors import RuleViolationError


class ImportFinishedError(RuleViolationError):
    """A finished job records nothing more."""

    rule = "import_finished"

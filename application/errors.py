"""Errors of the application layer (the domain's own are in ``domain.shared.errors``)."""

from __future__ import annotations

from domain.shared.errors import DomainError, RuleViolationError


class NotFoundError(DomainError):
    """No such resource, or one the caller may not know exists."""

    rule = "not_found"


class PermissionDeniedError(DomainError):
    """The caller's role may not do this."""

    rule = "forbidden"


class ConcurrentWriteError(RuleViolationError):
    """Another writer changed the same aggregate first; nothing was recorded."""

    rule = "concurrent_write"


class StaleVersionError(RuleViolationError):
    """The caller's expected version (If-Match) is no longer the current one."""

    rule = "stale_version"

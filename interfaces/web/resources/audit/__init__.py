"""``audit``: the blueprint (``views``) and its schemas."""

from interfaces.web.resources.audit import verification  # noqa: F401  (its route)
from interfaces.web.resources.audit.views import blp

__all__ = ["blp"]

"""``organisations``: the blueprint (``views``), its lists (``listing``) and its schemas."""

from interfaces.web.resources.organisations import listing
from interfaces.web.resources.organisations.views import blp

__all__ = ["blp", "listing"]

"""``organisations``: the blueprint (``views``) and its schemas."""

from interfaces.web.resources.organisations.views import blp

__all__ = ["blp"]

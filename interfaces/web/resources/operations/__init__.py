"""``operations``: the blueprint (``views``) and its schemas."""

from interfaces.web.resources.operations.views import blp

__all__ = ["blp"]

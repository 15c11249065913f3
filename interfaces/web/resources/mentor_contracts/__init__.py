"""``mentor_contracts``: the blueprint (``views``) and its schemas."""

from interfaces.web.resources.mentor_contracts.views import blp

__all__ = ["blp"]

"""``mentor_contracts``: the blueprint (``views``), its list (``listing``) and its schemas."""

from interfaces.web.resources.mentor_contracts import listing
from interfaces.web.resources.mentor_contracts.views import blp

__all__ = ["blp", "listing"]

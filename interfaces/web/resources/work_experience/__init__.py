"""``work_experience``: the blueprint (``views``), its list (``listing``) and its schemas."""

from interfaces.web.resources.work_experience import listing
from interfaces.web.resources.work_experience.views import blp

__all__ = ["blp", "listing"]

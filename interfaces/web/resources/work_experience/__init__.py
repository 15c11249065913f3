"""``work_experience``: the blueprint (``views``) and its schemas."""

from interfaces.web.resources.work_experience.views import blp

__all__ = ["blp"]

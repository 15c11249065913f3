"""``/api/v1/worklist``: what the caller must do, with due days (API.md "Deadlines")."""

from interfaces.web.resources.worklist import views
from interfaces.web.resources.worklist.views import blp

__all__ = ["blp", "views"]

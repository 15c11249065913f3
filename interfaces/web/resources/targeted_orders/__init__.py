"""``targeted_orders``: the blueprint (``views``, ``students``, ``listing``) and its schemas."""

from interfaces.web.resources.targeted_orders import listing, students
from interfaces.web.resources.targeted_orders.views import blp

__all__ = ["blp", "listing", "students"]

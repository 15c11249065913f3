"""``targeted_orders``: the blueprint (``views``, ``students``) and its schemas."""

from interfaces.web.resources.targeted_orders import students
from interfaces.web.resources.targeted_orders.views import blp

__all__ = ["blp", "students"]

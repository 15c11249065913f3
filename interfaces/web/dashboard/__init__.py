"""``/dashboard``: the server-rendered monitoring page, its figures and its SVG charts."""

from interfaces.web.dashboard.views import bp

__all__ = ["bp"]

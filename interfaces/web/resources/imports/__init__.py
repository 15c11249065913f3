"""``/api/v1/imports``: the intake template, file imports as jobs, and their reports."""

from interfaces.web.resources.imports.views import blp

__all__ = ["blp"]

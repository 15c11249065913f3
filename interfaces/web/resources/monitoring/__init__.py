"""``/api/v1/monitoring``: the Atameken-style figures as JSON (``views``), CSV and XLSX (``files``);
targeted training in ``targeted``."""

from interfaces.web.resources.monitoring import deadlines, files, reimbursement, targeted, views
from interfaces.web.resources.monitoring.views import blp

__all__ = ["blp", "deadlines", "files", "reimbursement", "targeted", "views"]

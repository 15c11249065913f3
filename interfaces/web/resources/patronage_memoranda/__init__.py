"""``patronage_memoranda``: the memoranda (``views``, ``listing``) and their monitoring
figures (``monitoring``, a blueprint under ``/api/v1/monitoring``)."""

from interfaces.web.resources.patronage_memoranda import listing, monitoring, views
from interfaces.web.resources.patronage_memoranda.views import blp

monitoring_blp = monitoring.blp

__all__ = ["blp", "listing", "monitoring", "monitoring_blp", "views"]

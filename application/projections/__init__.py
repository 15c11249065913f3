"""Projections: the agreements list and the monitoring views, built from the events.

Start with ``facade.Projections``; ``schema`` lists the view tables, the ``*_rows``
modules say which event changes which row, ``runner`` applies batches exactly once,
``monitoring`` and ``listing`` answer the queries. Storage is behind ``ports.ViewStore``
(implemented in ``infrastructure.views``): nothing here knows SQL.
"""

from application.projections.facade import Projections
from application.projections.positions import (
    SourceStatus,
    format_position,
    parse_positions,
)
from application.projections.runner import Source
from application.projections.verify import Difference

__all__ = ["Difference", "Projections", "Source", "SourceStatus", "format_position",
           "parse_positions"]

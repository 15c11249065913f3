"""``/api/v1/agreements``: registration, reading, signatures, the Annex, the lifecycle, the list.

The blueprint is defined in ``blueprint``; each module below adds its routes to it, and
importing them here is what makes the package's ``blp`` complete.
"""

from interfaces.web.resources.agreements import annex, commands, lifecycle, listing
from interfaces.web.resources.agreements.blueprint import blp

__all__ = ["annex", "blp", "commands", "lifecycle", "listing"]

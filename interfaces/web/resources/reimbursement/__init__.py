"""``reimbursement``: claims for enterprises' costs, and their reference data (Order No. 597)."""

from interfaces.web.resources.reimbursement import claims, listing, reference  # noqa: F401
from interfaces.web.resources.reimbursement.blueprint import blp

__all__ = ["blp"]

"""Who may read or change a targeted-training order.

The order is between an enterprise and a college: both read it (with the students'
names and IINs, which they need to enrol and to employ them), auditors read
everything. Another college or enterprise gets "not found", so that existence does
not leak; trainees, mentors, monitors and the admin may never read one (403):
monitors see the aggregated figures only.
"""

from __future__ import annotations

from application.security import Principal
from domain.shared.audit import Role
from domain.targeted_training.order import TargetedTrainingOrder

ORDER = "targeted-training order"
READER_ROLES = (Role.COLLEGE, Role.ENTERPRISE, Role.AUDITOR)


def is_party(principal: Principal, order: TargetedTrainingOrder) -> bool:
    return principal.is_(Role.COLLEGE, order.college_bin.value) or \
        principal.is_(Role.ENTERPRISE, order.enterprise_bin.value)


def check_reader(principal: Principal, order: TargetedTrainingOrder) -> None:
    principal.require_visible(principal.reads_everything or is_party(principal, order), ORDER)


def check_writer(principal: Principal, order: TargetedTrainingOrder) -> None:
    """The caller is a party of the order (its role was required before) or the system."""
    principal.require_visible(principal.role is Role.SYSTEM or is_party(principal, order),
                              ORDER)

"""Who may read or change a mentor service contract, and whose agreements it may bill.

The contract is visible to its college, its mentor, auditors, admins and the system.
The enterprise is not a party to the paid-services contract (Civil Code art. 683:
customer and contractor only) and a mentor's earnings are personal data, so the
enterprise, like every other party, gets "not found"; monitors see only aggregated
views and get "forbidden".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from uuid import UUID

from application.errors import NotFoundError
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.mentor_payments.contract import MentorServiceContract
from domain.mentor_payments.errors import NotAssignedMentorError, OtherPartiesError
from domain.shared.audit import Role
from domain.shared.calendar import Month
from domain.shared.errors import InvalidValueError

if TYPE_CHECKING:
    from application.agreements.service import Agreements

CONTRACT = "mentor service contract"
# The enterprise and the trainee are not parties to a paid-services contract (Civil Code
# art. 683), and what a mentor earns is personal: they may never read one (403).
READER_ROLES = (Role.COLLEGE, Role.MENTOR, Role.AUDITOR)


def is_party(principal: Principal, contract: MentorServiceContract) -> bool:
    return principal.is_(Role.COLLEGE, contract.college_bin.value) or \
        principal.is_(Role.MENTOR, contract.mentor_iin.value)


def check_reader(principal: Principal, contract: MentorServiceContract) -> None:
    principal.require_visible(principal.reads_everything or is_party(principal, contract),
                              CONTRACT)


def check_writer(principal: Principal, contract: MentorServiceContract, *also: Role) -> None:
    """The caller is the contract's college (or one of ``also``) or the system."""
    allowed = principal.role is Role.SYSTEM or (
        is_party(principal, contract) and principal.role in (Role.COLLEGE, *also))
    principal.require_visible(allowed, CONTRACT)


def check_mentored(agreements: Agreements, contract: MentorServiceContract, month: Month,
                   agreement_ids: Sequence[UUID]) -> None:
    """Each agreement is between the contract's parties and mentored by its mentor.

    The one place that reads agreements (unchecked: the contract's parties are checked
    here, not the caller's access to the agreement)."""
    for agreement_id in agreement_ids:
        try:
            agreement = agreements.load(agreement_id, DualTrainingAgreement, "agreement")
        except NotFoundError:
            raise InvalidValueError(f"agreement {agreement_id} not found",
                                    field="agreement_ids", rule="unknown_agreement") from None
        if (str(agreement.college_bin), str(agreement.enterprise_bin)) != \
                (contract.college_bin.value, contract.enterprise_bin.value):
            # Named by the id the caller gave: another college's agreement stays opaque.
            raise OtherPartiesError(
                f"agreement {agreement_id} is not between college {contract.college_bin} "
                f"and enterprise {contract.enterprise_bin}, the parties of contract "
                f"{contract.number}")
        mentors = agreement.mentors_during(month.period)
        if contract.mentor_iin.value not in mentors:
            raise NotAssignedMentorError(
                f"mentor {contract.mentor_iin} is not the assigned mentor of agreement "
                f"{agreement.number} in {month}")

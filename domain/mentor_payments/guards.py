"""Guards for rules that span mentor service contracts.

Each guard has a natural id, so every writer that touches the same mentor (or the
same college's contract number) appends to the same event sequence. The application
saves the guard in the same atomic save as the contract: of two racing writers that
read the same guard version, the store's unique (originator_id, version) lets only
the first one in, and the second gets nothing recorded at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from eventsourcing.domain import event

from domain.mentor_payments.errors import DoubleBillingError
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import Month
from domain.shared.identifiers import BIN, IIN
from domain.shared.ids import natural_id


def _key(agreement_id: UUID, month: Month) -> str:
    return f"{agreement_id}/{month}"


class MentorBilling(AuditedAggregate):
    """Every agreement-month billed by one mentor, across all of the mentor's contracts."""

    TOPIC_PREFIX = "dualtrack:mentor_payments.MentorBilling"

    @staticmethod
    def create_id(mentor_iin: IIN | str) -> UUID:
        return natural_id("mentor_billing", str(mentor_iin))

    @event("Opened")
    def __init__(self, mentor_iin: IIN) -> None:
        self.mentor_iin = mentor_iin
        # "<agreement id>/<YYYY-MM>" -> the act that bills it (string keys: snapshots are JSON).
        self.billed: dict[str, dict[str, object]] = {}

    def holder(self, agreement_id: UUID, month: Month) -> dict[str, object] | None:
        return self.billed.get(_key(agreement_id, month))

    def bill(self, *, contract_id: UUID, contract_number: str, act_number: int, month: Month,
             agreement_ids: Sequence[UUID]) -> None:
        """Claim the agreement-months for one act; refused if another act holds one."""
        for agreement_id in agreement_ids:
            other = self.holder(agreement_id, month)
            if other is not None:
                raise DoubleBillingError(
                    f"agreement {agreement_id} is already billed for {month} by mentor "
                    f"{self.mentor_iin} in act {other['act_number']} of contract "
                    f"{other['contract_number']}")
        self._bill(contract_id=contract_id, contract_number=contract_number,
                   act_number=act_number, month=month, agreement_ids=list(agreement_ids))

    @event("AgreementMonthsBilled")
    def _bill(self, contract_id: UUID, contract_number: str, act_number: int, month: Month,
              agreement_ids: Sequence[UUID]) -> None:
        holder: dict[str, object] = {"contract_id": str(contract_id),
                                     "contract_number": contract_number,
                                     "act_number": act_number}
        # A new dict, not an update: a state once read is never changed under the reader.
        self.billed = {**self.billed,
                       **{_key(agreement_id, month): dict(holder) for agreement_id in agreement_ids}}

    def release(self, *, contract_id: UUID, act_number: int, month: Month,
                agreement_ids: Sequence[UUID]) -> None:
        """A rejected act gives back the agreement-months it held (and only those)."""
        self._release(contract_id=contract_id, act_number=act_number, month=month,
                      agreement_ids=list(agreement_ids))

    @event("AgreementMonthsReleased")
    def _release(self, contract_id: UUID, act_number: int, month: Month,
                 agreement_ids: Sequence[UUID]) -> None:
        held_by_act = {"contract_id": str(contract_id), "act_number": act_number}
        released = {key for key in (_key(a, month) for a in agreement_ids)
                    if key in self.billed and all(self.billed[key][name] == value
                                                  for name, value in held_by_act.items())}
        self.billed = {key: held for key, held in self.billed.items() if key not in released}


class ContractNumber(AuditedAggregate):
    """Reserves a contract number within a college; created with the contract."""

    TOPIC_PREFIX = "dualtrack:mentor_payments.ContractNumber"

    @staticmethod
    def create_id(college_bin: BIN | str, number: str) -> UUID:
        return natural_id("mentor_contract_number", str(college_bin), number)

    @event("Reserved")
    def __init__(self, college_bin: BIN, number: str, contract_id: UUID) -> None:
        self.college_bin = college_bin
        self.number = number
        self.contract_id = contract_id

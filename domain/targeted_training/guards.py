"""The guard for the rule that spans orders: an order number, taken once per enterprise.

Its id is natural (enterprise BIN and number), so two submissions of the same number
racing past the application's check both create version 1 of the same aggregate: the
store lets one in, and the other's whole save (order included) is refused.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.shared.audit import AuditedAggregate
from domain.shared.identifiers import BIN
from domain.shared.ids import natural_id


class OrderNumber(AuditedAggregate):
    """An order number, reserved within an enterprise; created with the order."""

    TOPIC_PREFIX = "dualtrack:targeted_training.OrderNumber"

    @staticmethod
    def create_id(enterprise_bin: BIN | str, number: str) -> UUID:
        return natural_id("targeted-order-number", str(enterprise_bin), number)

    @event("Taken")
    def __init__(self, enterprise_bin: BIN, number: str, order_id: UUID) -> None:
        self.enterprise_bin = enterprise_bin
        self.number = number
        self.order_id = order_id

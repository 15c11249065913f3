"""The monitoring views as one eventsourcing ``Projection``, applied a batch at a time.

``process_event`` is eventsourcing's one-event-per-transaction entry point (so the
library's own ``ProjectionRunner`` could drive these views too); ``apply_batch`` is what
``BatchRunner`` uses: many events, their rows and the new tracking position in one
transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection

from application.projections import (
    agreement_rows,
    contract_rows,
    patronage_rows,
    reference_rows,
    reimbursement_rows,
    targeted_rows,
)
from application.projections.batch import BatchRows
from application.projections.handlers import Handler
from application.projections.ports import ViewStore, ViewTransaction, record
from application.projections.pseudonyms import Pseudonyms
from application.projections.schema import Table

HANDLERS: dict[str, Handler] = {
    **agreement_rows.HANDLERS, **contract_rows.HANDLERS, **reference_rows.HANDLERS,
    **reimbursement_rows.HANDLERS,
    **patronage_rows.HANDLERS,
    **targeted_rows.HANDLERS,
}


class MonitoringViews(Projection[ViewStore]):
    name = "dualtrack_views"

    def __init__(self, view: ViewStore, pseudonyms: Pseudonyms | None = None) -> None:
        super().__init__(view)
        self.pseudonyms = pseudonyms or Pseudonyms(view.secret())

    @staticmethod
    def wants(topic: str) -> bool:
        """Whether any view changes on events of this topic (others are not decoded)."""
        return topic in HANDLERS

    def apply_batch(self, transaction: ViewTransaction, events: Sequence[tuple[str, Any]]) -> None:
        """Apply ``(topic, domain event)`` pairs, in order, inside ``transaction``."""
        rows = BatchRows(transaction)
        keys: dict[Table, set[str]] = defaultdict(set)
        for topic, event in events:
            handler = HANDLERS[topic]
            keys[handler.table].add(handler.key(event))
        for table, table_keys in keys.items():
            rows.prefetch(table, table_keys)
        for topic, event in events:
            handler = HANDLERS[topic]
            key = handler.key(event)
            changed = handler.apply(event, rows.get(handler.table, key), self.pseudonyms)
            if changed is not None:
                rows.put(handler.table, changed)
        rows.flush()

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        topic = type(domain_event).TOPIC
        with self.view.transaction() as transaction:
            if self.wants(topic):
                self.apply_batch(transaction, [(topic, domain_event)])
            record(transaction, tracking)

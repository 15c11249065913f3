"""How a mentor service contract's acts and payments are written into snapshots.

Events carry only primitives and registered value objects; these transcodings
exist because a snapshot stores the aggregate's state, which holds ServiceAct and
MentorPayment records. Their names are part of the stored data: never rename one.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.mentor_payments.records import MentorPayment, ServiceAct


def _as_dict(record: Any) -> dict[str, Any]:
    # Not dataclasses.asdict: that would flatten Money and Month, which have
    # transcodings of their own and must come back as themselves.
    return {f.name: getattr(record, f.name) for f in fields(record)}


class ServiceActAsDict(Transcoding):
    type = ServiceAct
    name = "mentor_service_act"

    def encode(self, obj: ServiceAct) -> dict[str, Any]:
        return _as_dict(obj)

    def decode(self, data: dict[str, Any]) -> ServiceAct:
        return ServiceAct(**{**data, "agreement_ids": list(data["agreement_ids"])})


class MentorPaymentAsDict(Transcoding):
    type = MentorPayment
    name = "mentor_payment"

    def encode(self, obj: MentorPayment) -> dict[str, Any]:
        return _as_dict(obj)

    def decode(self, data: dict[str, Any]) -> MentorPayment:
        return MentorPayment(**data)


def register_mentor_records(transcoder: JSONTranscoder) -> None:
    transcoder.register(ServiceActAsDict())
    transcoder.register(MentorPaymentAsDict())

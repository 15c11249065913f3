"""Transcodings for the facts an agreement keeps in its state (they appear in snapshots).

Each fact is stored as an object of its fields under a fixed name; the field values
are transcoded by the registered value transcodings (dates, Money, Month, enums).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.agreements.records import RECORDED_FACTS


def fact_transcoding(fact_class: type) -> Transcoding:
    class FactAsObject(Transcoding):
        type = fact_class
        name = f"agreement.{fact_class.__name__}"

        def encode(self, obj: Any) -> dict[str, Any]:
            return {f.name: getattr(obj, f.name) for f in fields(obj)}

        def decode(self, data: dict[str, Any]) -> Any:
            return fact_class(**data)

    return FactAsObject()


def register_agreement_transcodings(transcoder: JSONTranscoder) -> None:
    for fact_class in RECORDED_FACTS:
        transcoder.register(fact_transcoding(fact_class))

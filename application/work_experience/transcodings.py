"""How the work-experience records are written into snapshots.

Events carry only primitives and registered value objects; these transcodings
exist because a snapshot stores the credit's state, which holds AgreementPractice
and Certificate records (and their Durations). Their names are part of the stored
data: never rename one.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.work_experience.agreement_practice import AgreementPractice
from domain.work_experience.certificate import Certificate
from domain.work_experience.seniority import Duration


def record_transcoding(record_class: type, name: str) -> Transcoding:
    class RecordAsObject(Transcoding):
        type = record_class

        def encode(self, obj: Any) -> dict[str, Any]:
            # Not dataclasses.asdict: nested value objects keep their own transcodings.
            return {f.name: getattr(obj, f.name) for f in fields(obj)}

        def decode(self, data: dict[str, Any]) -> Any:
            return record_class(**data)

    RecordAsObject.name = name
    return RecordAsObject()


def register_work_experience_records(transcoder: JSONTranscoder) -> None:
    transcoder.register(record_transcoding(Duration, "work_experience.Duration"))
    transcoder.register(record_transcoding(AgreementPractice, "work_experience.AgreementPractice"))
    transcoder.register(record_transcoding(Certificate, "work_experience.Certificate"))

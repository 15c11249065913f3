"""The work-experience certificate: the Annex that goes into employment records.

A certificate is immutable once issued. A correction is a new certificate with a
new number that names the one it supersedes; both stay in the history, and only
the newest is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, IIN
from domain.shared.ids import natural_id
from domain.work_experience.seniority import Duration

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def certificate_number(college_bin: BIN | str, agreement_number: str, sequence: int,
                       agreement_id: UUID | None = None) -> str:
    """``WEC-<college BIN>-<agreement number>-<n>``, readable and safe in a URL.

    Agreement numbers are unique per college, so the number is unique as long as
    the agreement number has only letters, digits and dashes. Other characters
    become dashes; should two agreement numbers then look alike, the caller passes
    ``agreement_id`` and a short form of it tells them apart.
    """
    slug = _UNSAFE.sub("-", agreement_number).strip("-") or "N"
    tag = f"-{agreement_id.hex[:8].upper()}" if agreement_id else ""
    return f"WEC-{college_bin}-{slug}{tag}-{sequence}"


@dataclass(frozen=True)
class Certificate:
    number: str
    agreement_id: UUID
    agreement_number: str
    trainee_iin: IIN
    trainee_name: str
    college_bin: BIN
    enterprise_bin: BIN
    region: str
    # How the agreement closed (completed or terminated) and on which day.
    agreement_status: str
    closed_on: date | None
    # The practice that counts: merged, suspended days cut out.
    periods: tuple[DatePeriod, ...]
    total: Duration
    credited: Duration
    # Why the credit differs from the total (nothing credited, or capped).
    reason: str | None
    issued_on: date
    supersedes: str | None = None
    correction_reason: str | None = None
    # Set on the old certificate when a correction replaces it; its content never changes.
    superseded_by: str | None = None

    def __post_init__(self) -> None:
        # Stored state gives lists back; a tuple keeps equality exact.
        object.__setattr__(self, "periods", tuple(self.periods))

    @property
    def is_valid(self) -> bool:
        return self.superseded_by is None


class CertificateNumber(AuditedAggregate):
    """Index from a certificate number to the trainee whose credit holds it.

    Saved in the same ``record`` call as the certificate: its natural id makes
    a number impossible to assign twice, even by two processes at once.
    """

    TOPIC_PREFIX = "dualtrack:work_experience.CertificateNumber"

    @staticmethod
    def create_id(number: str) -> UUID:
        return natural_id("certificate", number)

    @event("Assigned")
    def __init__(self, number: str, trainee_iin: IIN, agreement_id: UUID) -> None:
        self.number = number
        self.trainee_iin = trainee_iin
        self.agreement_id = agreement_id

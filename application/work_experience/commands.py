"""The work-experience commands (one frozen dataclass per use case) and what issuing did.

The facts of the credit arrive from the agreements (the follower); the only commands a
person sends are issuing an agreement's certificate and correcting one.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.base import Recorded
from domain.work_experience.certificate import Certificate
from domain.work_experience.credit import WorkExperienceCredit


@dataclass(frozen=True)
class IssueCertificate:
    agreement_id: UUID


@dataclass(frozen=True)
class CorrectCertificate:
    """Supersede certificate ``number`` by a new one, for ``reason``."""

    number: str
    reason: str


@dataclass(frozen=True)
class IssuedCertificate:
    """The certificate a command issued, and the save of the credit that holds it
    (``recorded.position`` is the write's position, for X-Position)."""

    certificate: Certificate
    recorded: Recorded[WorkExperienceCredit]

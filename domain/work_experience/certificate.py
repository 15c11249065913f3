"""The work-experience certificate: the Annex that goes into employment records.

A certificate is immutable once issued. A correction is a new certificate with a
new number that names the one it supersedes; both stay in the history, and only
the newest is valid.

Numbers are readable, and so guessable (``WEC-<college BIN>-<agreement number>-<n>``);
what makes guessing useless is the verification code printed beside the number: 12
characters drawn by ``secrets`` from an alphabet without look-alikes (31 symbols, about
59 bits), kept in the ``CertificateIssued`` event. Anyone holding both may check the
certificate online (``GET /api/v1/certificate-verification``). Certificates issued
before codes existed have none (``verification_code`` None): they are checked with the
college that issued them, never online.
"""

from __future__ import annotations

import hmac
import re
import secrets
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

# No 0/O, 1/I/L: a code read off paper and typed back cannot be mistyped into another.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
CODE_GROUP = 4
_CODE_SEPARATORS = re.compile(r"[\s-]+")


def new_verification_code() -> str:
    """A fresh unguessable code, printed in groups: ``7KQM-X3PA-9RTD``."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(code[i:i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalise_code(typed: str) -> str:
    """A code as typed (any case, with or without dashes or spaces) in its stored form;
    anything not of the code's alphabet and length gives "" (never equal to a code)."""
    bare = _CODE_SEPARATORS.sub("", typed).upper()
    if len(bare) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in bare):
        return ""
    return "-".join(bare[i:i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


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
    # Printed on the certificate; None for one issued before codes existed.
    verification_code: str | None = None

    def __post_init__(self) -> None:
        # Stored state gives lists back; a tuple keeps equality exact.
        object.__setattr__(self, "periods", tuple(self.periods))

    @property
    def is_valid(self) -> bool:
        return self.superseded_by is None

    def has_code(self, typed: str) -> bool:
        """Whether ``typed`` is this certificate's code (compared in constant time)."""
        if self.verification_code is None:
            return False
        return hmac.compare_digest(normalise_code(typed).encode(),
                                   self.verification_code.encode())


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

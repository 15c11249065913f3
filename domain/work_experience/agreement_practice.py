"""What a trainee's work-experience credit knows of one of the trainee's agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.agreements.records import AgreementStatus
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN
from domain.work_experience.seniority import Duration, counted_periods, duration_of

CLOSED_STATUSES = (AgreementStatus.COMPLETED, AgreementStatus.TERMINATED)
OPEN_STATUSES = (AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED)


@dataclass(frozen=True)
class AgreementPractice:
    """What the credit knows of one agreement."""

    agreement_id: UUID
    number: str
    college_bin: BIN
    enterprise_bin: BIN
    region: str
    # The AgreementStatus value: stored (events, snapshots) as that string, as always;
    # ``agreement_status`` is the enum.
    status: str
    practice: tuple[DatePeriod, ...]
    suspensions: tuple[DatePeriod, ...]
    # Completion date or termination effective date; None while open.
    closed_on: date | None

    def __post_init__(self) -> None:
        # Stored events give lists back; tuples keep equality (the "changed?" test) exact.
        object.__setattr__(self, "practice", tuple(self.practice))
        object.__setattr__(self, "suspensions", tuple(self.suspensions))

    @property
    def agreement_status(self) -> AgreementStatus:
        return AgreementStatus(self.status)

    @property
    def is_closed(self) -> bool:
        return self.agreement_status in CLOSED_STATUSES

    @property
    def is_open(self) -> bool:
        return self.agreement_status in OPEN_STATUSES

    @property
    def counted_periods(self) -> list[DatePeriod]:
        return counted_periods(self.practice, self.suspensions)

    @property
    def total(self) -> Duration:
        return duration_of(self.counted_periods)

    def is_party(self, organisation: BIN) -> bool:
        return organisation in (self.college_bin, self.enterprise_bin)

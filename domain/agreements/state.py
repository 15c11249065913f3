"""Read-only views of an agreement's state, derived from what its events recorded."""

from __future__ import annotations

from datetime import date

from domain.agreements.records import (
    AgreementStatus,
    Amendment,
    AmendmentStatus,
    Compensation,
    MentorAssignment,
    Party,
    PracticePeriod,
    SafetyBriefing,
    Suspension,
    Termination,
)
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money


class AgreementViews:
    """Mixed into ``DualTrainingAgreement``: queries only, never an event."""

    number: str
    college_bin: BIN
    enterprise_bin: BIN
    trainee_iin: IIN
    representative_iin: IIN | None
    start_date: date
    end_date: date
    planned_practice_months: int
    terms_version: int
    status: AgreementStatus
    completed_on: date | None
    _signatures: list[Party]
    mentor_assignments: list[MentorAssignment]
    safety_briefings: list[SafetyBriefing]
    practice_periods: list[PracticePeriod]
    suspensions: list[Suspension]
    compensations: list[Compensation]
    amendments: list[Amendment]
    terminations: list[Termination]

    @property
    def term(self) -> DatePeriod:
        return DatePeriod(self.start_date, self.end_date)

    @property
    def trainee_is_minor(self) -> bool:
        return self.representative_iin is not None

    @property
    def required_parties(self) -> list[Party]:
        parties = [Party.COLLEGE, Party.ENTERPRISE, Party.TRAINEE]
        if self.trainee_is_minor:
            parties.append(Party.LEGAL_REPRESENTATIVE)
        return parties

    @property
    def trainee_side(self) -> Party:
        """Who accepts amendments for the trainee: the representative of a minor."""
        return Party.LEGAL_REPRESENTATIVE if self.trainee_is_minor else Party.TRAINEE

    @property
    def signed_by(self) -> set[Party]:
        """Parties that signed (or accepted) the current version of the terms."""
        return set(self._signatures)

    @property
    def current_mentor_iin(self) -> str | None:
        current = [a for a in self.mentor_assignments if a.to_date is None]
        return current[-1].mentor_iin if current else None

    @property
    def last_mentored_day(self) -> date:
        """Open assignments end with the agreement: its term, or an earlier termination."""
        termination = self.termination
        if termination is not None:
            return min(self.end_date, termination.effective_date)
        return self.end_date

    def mentors_during(self, period: DatePeriod) -> set[str]:
        """IINs of the mentors assigned on any day of ``period``."""
        until = self.last_mentored_day
        spans = ((a.mentor_iin, a.span(until)) for a in self.mentor_assignments)
        return {iin for iin, span in spans if span is not None and span.overlaps(period)}

    def suspended_periods(self) -> list[DatePeriod]:
        return [suspension.period(self.end_date) for suspension in self.suspensions]

    @property
    def open_suspension(self) -> Suspension | None:
        if self.suspensions and self.suspensions[-1].resumed_on is None:
            return self.suspensions[-1]
        return None

    @property
    def compensation_total(self) -> Money:
        total = Money.zero()
        for compensation in self.compensations:
            total = total + compensation.amount
        return total

    def compensation_by_reference(self, reference: str) -> Compensation | None:
        found = [c for c in self.compensations if c.payment_reference == reference]
        return found[0] if found else None

    @property
    def termination(self) -> Termination | None:
        """The termination in force; a revoked one stays only in ``terminations``."""
        if self.terminations and self.terminations[-1].revoked_on is None:
            return self.terminations[-1]
        return None

    @property
    def pending_amendment(self) -> Amendment | None:
        pending = [a for a in self.amendments if a.status is AmendmentStatus.PROPOSED]
        return pending[-1] if pending else None

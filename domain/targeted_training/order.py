"""TargetedTrainingOrder: training by an enterprise's request under the state educational
order, with an obligation to employ the graduates (DOMAIN.md, seeds/003 section 8).

States: ``submitted`` -> ``accepted`` (the college, with the reference of the state-order
placement) | ``rejected`` (with a reason). Against an accepted order the college enrols
students, never more than its places; a student who leaves (expelled, transferred,
other) frees the place; a student who graduates keeps it. The enterprise then records
each graduate's employment or release, and an employment that ends.

The rules that need other aggregates (eligibility from the enterprise's record, the
number unique per enterprise) are checked by the application; this aggregate keeps
every rule it can see on its own. Dates of what happened are never in the future.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from eventsourcing.domain import event

from domain.participants.aggregates import EnterpriseSize
from domain.shared.academic_year import AcademicYear
from domain.shared.audit import AuditedAggregate
from domain.shared.identifiers import BIN, IIN
from domain.targeted_training import errors
from domain.targeted_training.records import (
    MAX_OBLIGATION_MONTHS,
    MAX_PLACES,
    MIN_OBLIGATION_MONTHS,
    MIN_PLACES,
    Enrolment,
    EnrolmentStatus,
    OrderStatus,
    WithdrawalReason,
    add_months,
)


def check_places(places: int) -> None:
    if not MIN_PLACES <= places <= MAX_PLACES:
        raise errors.PlacesRangeError(f"places must be {MIN_PLACES}-{MAX_PLACES}, got {places}",
                                      field="places")


def check_obligation(months: int) -> None:
    if not MIN_OBLIGATION_MONTHS <= months <= MAX_OBLIGATION_MONTHS:
        raise errors.ObligationRangeError(
            f"employment_obligation_months must be {MIN_OBLIGATION_MONTHS}-"
            f"{MAX_OBLIGATION_MONTHS}, got {months}", field="employment_obligation_months")


def _not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise errors.FutureDateError(f"{field} {day} is in the future", field=field)


class TargetedTrainingOrder(AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:targeted_training.TargetedTrainingOrder"

    @event("Submitted")
    def __init__(self, number: str, enterprise_bin: BIN, college_bin: BIN,
                 academic_year: AcademicYear, specialty_code: str, qualification: str,
                 places: int, employment_obligation_months: int, region: str,
                 enterprise_size: EnterpriseSize, enterprise_oked: str,
                 submitted_on: date) -> None:
        self.number = number
        self.enterprise_bin = enterprise_bin
        self.college_bin = college_bin
        self.academic_year = academic_year
        self.specialty_code = specialty_code
        self.qualification = qualification
        self.places = places
        self.employment_obligation_months = employment_obligation_months
        # The college's region, and the enterprise's record that made it eligible, as
        # they were on the day of submission.
        self.region = region
        self.enterprise_size = enterprise_size
        self.enterprise_oked = enterprise_oked
        self.submitted_on = submitted_on
        self.status = OrderStatus.SUBMITTED
        self.state_order_reference: str | None = None
        self.decided_on: date | None = None
        self.rejection_reason: str | None = None
        self.enrolments: list[Enrolment] = []

    @classmethod
    def submit(cls, *, number: str, enterprise_bin: BIN, college_bin: BIN,
               academic_year: AcademicYear, specialty_code: str, qualification: str,
               places: int, employment_obligation_months: int, region: str,
               enterprise_size: EnterpriseSize, enterprise_oked: str,
               submitted_on: date) -> TargetedTrainingOrder:
        """Rule 2's bounds; the eligibility of rule 1 is checked before (``eligibility``)."""
        check_places(places)
        check_obligation(employment_obligation_months)
        return cls(number=number, enterprise_bin=enterprise_bin, college_bin=college_bin,
                   academic_year=academic_year, specialty_code=specialty_code,
                   qualification=qualification, places=places,
                   employment_obligation_months=employment_obligation_months, region=region,
                   enterprise_size=enterprise_size, enterprise_oked=enterprise_oked,
                   submitted_on=submitted_on)

    # The college's decision ---------------------------------------------------------

    def _undecided(self) -> None:
        if self.status is not OrderStatus.SUBMITTED:
            raise errors.OrderDecidedError(f"order {self.number} is already {self.status.value}")

    def accept(self, state_order_reference: str, today: date) -> None:
        self._undecided()
        self._accept(state_order_reference=state_order_reference, accepted_on=today)

    @event("Accepted")
    def _accept(self, state_order_reference: str, accepted_on: date) -> None:
        self.status = OrderStatus.ACCEPTED
        self.state_order_reference = state_order_reference
        self.decided_on = accepted_on

    def reject(self, reason: str, today: date) -> None:
        self._undecided()
        self._reject(reason=reason, rejected_on=today)

    @event("Rejected")
    def _reject(self, reason: str, rejected_on: date) -> None:
        self.status = OrderStatus.REJECTED
        self.rejection_reason = reason
        self.decided_on = rejected_on

    # Enrolments (rule 3) -------------------------------------------------------------

    @property
    def places_taken(self) -> int:
        return sum(1 for enrolment in self.enrolments if enrolment.holds_place)

    @property
    def places_free(self) -> int:
        return self.places - self.places_taken

    def enrolment_of(self, iin: IIN) -> Enrolment | None:
        """The student's latest enrolment in this order."""
        return next((e for e in reversed(self.enrolments) if e.trainee_iin == iin), None)

    def enrol(self, iin: IIN, full_name: str, enrolled_on: date, today: date) -> Enrolment:
        if self.status is not OrderStatus.ACCEPTED:
            raise errors.OrderNotAcceptedError(
                f"order {self.number} is {self.status.value}: students are enrolled only "
                "against an accepted order")
        _not_future(enrolled_on, today, "enrolled_on")
        current = self.enrolment_of(iin)
        if current is not None and current.holds_place:
            raise errors.AlreadyEnrolledError(
                f"student {iin} is already {current.status.value} under order {self.number}")
        if self.places_free <= 0:
            raise errors.PlacesFullError(
                f"order {self.number} has all its {self.places} places taken: a student "
                "must leave before another is enrolled")
        self._enrol(number=len(self.enrolments) + 1, trainee_iin=iin, trainee_name=full_name,
                    enrolled_on=enrolled_on)
        return self.enrolments[-1]

    @event("StudentEnrolled")
    def _enrol(self, number: int, trainee_iin: IIN, trainee_name: str,
               enrolled_on: date) -> None:
        enrolment = Enrolment(number=number, trainee_iin=trainee_iin,
                              trainee_name=trainee_name, enrolled_on=enrolled_on)
        self.enrolments = [*self.enrolments, enrolment]

    def _in_training(self, iin: IIN, day: date, today: date) -> Enrolment:
        enrolment = self._find(iin)
        if enrolment.status is not EnrolmentStatus.ENROLLED:
            raise errors.NotEnrolledError(
                f"student {iin} is {enrolment.status.value}, no longer in training under "
                f"order {self.number}", field="iin")
        _not_future(day, today, "date")
        if day < enrolment.enrolled_on:
            raise errors.BeforeEnrolmentError(
                f"{day} is before the student's enrolment on {enrolment.enrolled_on}")
        return enrolment

    def withdraw(self, iin: IIN, day: date, reason: WithdrawalReason, today: date) -> None:
        """The student leaves: the place is free again."""
        enrolment = self._in_training(iin, day, today)
        self._withdraw(number=enrolment.number, withdrawn_on=day, reason=reason)

    @event("StudentWithdrawn")
    def _withdraw(self, number: int, withdrawn_on: date, reason: WithdrawalReason) -> None:
        self._replace(number, status=EnrolmentStatus.WITHDRAWN, withdrawn_on=withdrawn_on,
                      withdrawal_reason=reason)

    def graduate(self, iin: IIN, day: date, today: date) -> None:
        enrolment = self._in_training(iin, day, today)
        self._graduate(number=enrolment.number, graduated_on=day)

    @event("StudentGraduated")
    def _graduate(self, number: int, graduated_on: date) -> None:
        self._replace(number, status=EnrolmentStatus.GRADUATED, graduated_on=graduated_on)

    # Graduates' employment (rule 4) ----------------------------------------------------

    def _graduate_without_outcome(self, iin: IIN, day: date, today: date,
                                  field: str) -> Enrolment:
        enrolment = self._find(iin)
        if enrolment.graduated_on is None:
            raise errors.NotGraduatedError(
                f"student {iin} is {enrolment.status.value}: employment and release are "
                "recorded after graduation", field="iin")
        if enrolment.has_outcome:
            done = "employed" if enrolment.employed_from else "released"
            raise errors.OutcomeRecordedError(f"graduate {iin} is already {done}", field="iin")
        _not_future(day, today, field)
        if day < enrolment.graduated_on:
            raise errors.BeforeGraduationError(
                f"{day} is before the graduation on {enrolment.graduated_on}", field=field)
        return enrolment

    def record_employment(self, iin: IIN, start_date: date, position: str,
                          today: date) -> None:
        enrolment = self._graduate_without_outcome(iin, start_date, today,
                                                    "start_date")
        self._employ(number=enrolment.number, start_date=start_date, position=position)

    @event("EmploymentRecorded")
    def _employ(self, number: int, start_date: date, position: str) -> None:
        self._replace(number, employed_from=start_date, position=position)

    def record_release(self, iin: IIN, day: date, reason: str, today: date) -> None:
        """The enterprise releases the graduate from the obligation to be employed."""
        enrolment = self._graduate_without_outcome(iin, day, today, "date")
        self._release(number=enrolment.number, released_on=day, reason=reason)

    @event("GraduateReleased")
    def _release(self, number: int, released_on: date, reason: str) -> None:
        self._replace(number, released_on=released_on, release_reason=reason)

    def obligation_ends(self, enrolment: Enrolment) -> date | None:
        """The first day after the obligation's months of employment."""
        if enrolment.employed_from is None:
            return None
        return add_months(enrolment.employed_from, self.employment_obligation_months)

    def end_employment(self, iin: IIN, day: date, reason: str, today: date) -> bool:
        """Record that the employment ended; True when it ended before the obligation's
        months had been served (an early end)."""
        enrolment = self._find(iin)
        ends = self.obligation_ends(enrolment)
        if ends is None or enrolment.employment_ended_on is not None:
            state = "ended" if enrolment.employment_ended_on else "not employed"
            raise errors.NotEmployedError(f"graduate {iin} is {state} under order "
                                          f"{self.number}", field="iin")
        _not_future(day, today, "date")
        if enrolment.employed_from is not None and day < enrolment.employed_from:
            raise errors.EndBeforeStartError(
                f"employment cannot end on {day}, before it started on "
                f"{enrolment.employed_from}")
        # The last day worked is ``day``: the months are served when the day after it
        # reaches the obligation's end.
        early = day + timedelta(days=1) < ends
        self._end_employment(number=enrolment.number, ended_on=day, reason=reason,
                             early=early)
        return early

    @event("EmploymentEnded")
    def _end_employment(self, number: int, ended_on: date, reason: str, early: bool) -> None:
        self._replace(number, employment_ended_on=ended_on, employment_end_reason=reason,
                      early_end=early)

    # Helpers -------------------------------------------------------------------------

    def _find(self, iin: IIN) -> Enrolment:
        enrolment = self.enrolment_of(iin)
        if enrolment is None:
            raise errors.UnknownEnrolmentError(f"student {iin} is not enrolled under order "
                                               f"{self.number}")
        return enrolment

    def _replace(self, number: int, **changes: Any) -> None:
        # Copy-on-write: a state once read is never changed under the reader.
        self.enrolments = [replace(e, **changes) if e.number == number else e
                           for e in self.enrolments]

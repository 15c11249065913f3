"""The tripartite dual-training agreement: college, enterprise and trainee (DOMAIN.md rules 1-10).

Public methods check and raise; the ``@event`` methods only record. Rules that span
agreements (a unique number, one active agreement per trainee at a time, a mentor's
load) are kept by the guard aggregates in ``domain.agreements.guards``.

The file is longer than most: every ``@event`` method of an aggregate has to be declared
on the aggregate's own class, so that each stored event's class (and stable topic) is
``DualTrainingAgreement.<Name>``. The checks live in ``rules``/``terms`` and the queries
in ``state`` to keep this to commands and events. Commands take parsed values only: the
edge (schemas, the demo) turns strings into them once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from eventsourcing.domain import event

from domain.agreements.errors import (
    AlreadyAcceptedError,
    AlreadySignedError,
    AmendmentAcceptorError,
    AmendmentClosedError,
    AmendmentPendingError,
    AmendmentProposerError,
    BriefingInFutureError,
    CompletionBeforeEndError,
    CompletionInFutureError,
    MentorIsTraineeError,
    NotAPartyError,
    OutsideTermError,
    PaymentReferenceReusedError,
    ReplacementDateError,
    ReturnBeforeStartError,
    RevocationPartyError,
    RevocationWindowError,
    SameMentorError,
    TerminationInitiatorError,
    UnknownAmendmentError,
)
from domain.agreements.records import (
    ORGANISATIONS,
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
    TerminationReason,
)
from domain.agreements.rules import (
    check_amended_term,
    check_practice_period,
    check_suspension_start,
    check_termination_date,
    require_inside_term,
    require_status,
)
from domain.agreements.state import AgreementViews
from domain.agreements.terms import (
    Person,
    Terms,
    TermsChange,
    check_legal_representative,
    term_of,
)
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import DatePeriod, Month
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money

__all__ = ["AgreementStatus", "DualTrainingAgreement", "Party", "TerminationReason"]

REVOCATION_WINDOW = timedelta(days=30)

DRAFT, ACTIVE, SUSPENDED = AgreementStatus.DRAFT, AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED


class DualTrainingAgreement(AuditedAggregate, AgreementViews):
    TOPIC_PREFIX = "dualtrack:agreements.DualTrainingAgreement"

    @event("Registered")
    def __init__(self, number: str, college_bin: BIN, enterprise_bin: BIN, region: str,
                 trainee_iin: IIN, trainee_name: str, representative_iin: IIN | None,
                 representative_name: str | None, specialty_code: str, qualification: str,
                 start_date: date, end_date: date, planned_practice_months: int,
                 workplace: str) -> None:
        self.number = number
        self.college_bin = college_bin
        self.enterprise_bin = enterprise_bin
        self.region = region
        self.trainee_iin = trainee_iin
        self.trainee_name = trainee_name
        self.representative_iin = representative_iin
        self.representative_name = representative_name
        self.specialty_code = specialty_code
        self.qualification = qualification
        self.start_date = start_date
        self.end_date = end_date
        self.planned_practice_months = planned_practice_months
        self.workplace = workplace
        self.terms_version = 1
        self.status = DRAFT
        self._signatures = []
        self.activated_on: date | None = None
        self.mentor_assignments = []
        self.safety_briefings = []
        self.practice_periods = []
        self.suspensions = []
        self.compensations = []
        self.amendments = []
        self.terminations = []
        self.completed_on = None
        self.cancellation_reason: str | None = None

    @classmethod
    def register(cls, *, number: str, college_bin: BIN, enterprise_bin: BIN, region: str,
                 trainee: Person, representative: Person | None, terms: Terms,
                 today: date) -> DualTrainingAgreement:
        representative_iin = representative.iin if representative else None
        check_legal_representative(trainee.iin, representative_iin, today)
        if college_bin == enterprise_bin:
            raise InvalidValueError("the college and the enterprise must be different "
                                    "organisations", field="enterprise_bin", rule="same_party")
        return cls(number=number, college_bin=college_bin, enterprise_bin=enterprise_bin,
                   region=region, trainee_iin=trainee.iin, trainee_name=trainee.full_name,
                   representative_iin=representative_iin,
                   representative_name=representative.full_name if representative else None,
                   specialty_code=terms.specialty_code, qualification=terms.qualification,
                   start_date=terms.term.start, end_date=terms.term.end,
                   planned_practice_months=terms.planned_practice_months,
                   workplace=terms.workplace)

    # Terms and signatures (rule 1) -------------------------------------------------

    def _effective_changes(self, change: TermsChange) -> dict[str, Any]:
        """The terms ``change`` really changes, by name (as the events store them)."""
        changes = {name: value for name, value in change.named().items()
                   if getattr(self, name) != value}
        if not changes:
            raise InvalidValueError("the changes must change at least one term",
                                    field="changes", rule="no_change")
        term_of(change.start_date or self.start_date, change.end_date or self.end_date,
                field_prefix="changes.")
        return changes

    def change_terms(self, change: TermsChange) -> None:
        require_status(self, DRAFT, action="change the terms (use an amendment)")
        self._change_terms(changes=self._effective_changes(change))

    @event("TermsChanged")
    def _change_terms(self, changes: dict[str, Any]) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self.terms_version += 1
        self._signatures = []

    def sign(self, party: Party, today: date) -> None:
        """Sign the current terms; the last required signature activates the agreement."""
        require_status(self, DRAFT, action="sign")
        if party not in self.required_parties:
            raise NotAPartyError(f"{party.value} is not a party to agreement {self.number} "
                                     "(an adult trainee has no legal representative)")
        if party in self._signatures:
            raise AlreadySignedError(f"{party.value} has already signed version "
                                     f"{self.terms_version} of the terms")
        self._sign(party=party, terms_version=self.terms_version)
        if set(self.required_parties) <= set(self._signatures):
            self._activate(activated_on=today)

    @event("Signed")
    def _sign(self, party: Party, terms_version: int) -> None:
        self._signatures = [*self._signatures, party]

    @event("Activated")
    def _activate(self, activated_on: date) -> None:
        self.status = ACTIVE
        self.activated_on = activated_on

    # Amendments (rule 1) -----------------------------------------------------------

    def propose_amendment(self, change: TermsChange, reason: str, proposed_by: Party) -> int:
        require_status(self, ACTIVE, SUSPENDED, action="propose an amendment")
        if proposed_by not in ORGANISATIONS:
            raise AmendmentProposerError("only the college or the enterprise proposes amendments")
        if self.pending_amendment is not None:
            raise AmendmentPendingError(f"amendment {self.pending_amendment.number} is still "
                                     "waiting for acceptance")
        changes = self._effective_changes(change)
        check_amended_term(self, term_of(changes.get("start_date", self.start_date),
                                         changes.get("end_date", self.end_date)))
        other = Party.ENTERPRISE if proposed_by is Party.COLLEGE else Party.COLLEGE
        number = len(self.amendments) + 1
        self._propose_amendment(number=number, changes=changes, reason=reason,
                                proposed_by=proposed_by, required=[other, self.trainee_side])
        return number

    @event("AmendmentProposed")
    def _propose_amendment(self, number: int, changes: dict[str, Any], reason: str,
                           proposed_by: Party, required: list[Party]) -> None:
        # Copies: the event's own list and mapping are never shared with the state.
        self.amendments = [*self.amendments, Amendment(
            number=number, changes=dict(changes), reason=reason, proposed_by=proposed_by,
            required=tuple(required), accepted_by=(proposed_by,))]

    def accept_amendment(self, number: int, party: Party) -> bool:
        """Accept amendment ``number``; True when this acceptance made it take effect."""
        require_status(self, ACTIVE, SUSPENDED, action="accept an amendment")
        amendment = self._amendment(number)
        if amendment.status is not AmendmentStatus.PROPOSED:
            raise AmendmentClosedError(f"amendment {number} is already {amendment.status.value}")
        if party not in amendment.required:
            raise AmendmentAcceptorError(
                f"amendment {number} is accepted by "
                f"{', '.join(p.value for p in amendment.required)}, not {party.value}")
        if party in amendment.accepted_by:
            raise AlreadyAcceptedError(f"{party.value} has already accepted amendment {number}")
        self._accept_amendment(number=number, party=party)
        if self._amendment(number).missing:
            return False
        # Records may have arrived since the proposal: the new dates must still hold them.
        check_amended_term(self, term_of(amendment.changes.get("start_date", self.start_date),
                                         amendment.changes.get("end_date", self.end_date)))
        self._amendment_took_effect(number=number, changes=dict(amendment.changes),
                                    terms_version=self.terms_version + 1)
        return True

    def _amendment(self, number: int) -> Amendment:
        for amendment in self.amendments:
            if amendment.number == number:
                return amendment
        raise UnknownAmendmentError(f"agreement {self.number} has no amendment {number}")

    def _replace_amendment(self, number: int, **changes: Any) -> None:
        self.amendments = [replace(a, **changes) if a.number == number else a
                           for a in self.amendments]

    @event("AmendmentAccepted")
    def _accept_amendment(self, number: int, party: Party) -> None:
        accepted = self._amendment(number).accepted_by
        self._replace_amendment(number, accepted_by=(*accepted, party))

    @event("AmendmentTookEffect")
    def _amendment_took_effect(self, number: int, changes: dict[str, Any],
                               terms_version: int) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self.terms_version = terms_version
        self._signatures = list(self._amendment(number).accepted_by)
        self._replace_amendment(number, status=AmendmentStatus.EFFECTIVE)

    # Draft cancellation ------------------------------------------------------------

    def cancel(self, reason: str) -> None:
        require_status(self, DRAFT, action="cancel")
        self._cancel(reason=reason)

    @event("Cancelled")
    def _cancel(self, reason: str) -> None:
        self.status = AgreementStatus.CANCELLED
        self.cancellation_reason = reason

    # Mentors, safety briefings, the Annex and compensation (rules 4-7) --------------

    def assign_mentor(self, mentor_iin: IIN, from_date: date) -> None:
        """Assign the first mentor, or replace the current one from ``from_date``."""
        require_status(self, ACTIVE, SUSPENDED, action="assign a mentor")
        require_inside_term(self, from_date, "the mentor's first day")
        if mentor_iin == self.trainee_iin:
            raise MentorIsTraineeError("the trainee cannot be their own mentor")
        current = self.mentor_assignments[-1] if self.mentor_assignments else None
        if current is not None and current.mentor_iin == mentor_iin.value:
            raise SameMentorError(f"{mentor_iin} is already the mentor")
        if current is not None and from_date <= current.from_date:
            raise ReplacementDateError(f"a replacement starts after the current mentor's first "
                                     f"day {current.from_date}")
        self._assign_mentor(mentor_iin=mentor_iin.value, from_date=from_date)

    @event("MentorAssigned")
    def _assign_mentor(self, mentor_iin: str, from_date: date) -> None:
        # The replaced assignment stays, ending the day before its successor starts.
        ended = [replace(a, to_date=from_date - timedelta(days=1)) if a.to_date is None else a
                 for a in self.mentor_assignments]
        self.mentor_assignments = [*ended, MentorAssignment(mentor_iin, from_date)]

    def record_safety_briefing(self, on: date, instructor: str, today: date) -> None:
        require_status(self, ACTIVE, SUSPENDED, action="record a safety briefing")
        if on > today:
            raise BriefingInFutureError(f"a safety briefing on {on} is in the future (today is "
                                     f"{today})")
        self._record_safety_briefing(on=on, instructor=instructor)

    @event("SafetyBriefingRecorded")
    def _record_safety_briefing(self, on: date, instructor: str) -> None:
        self.safety_briefings = [*self.safety_briefings, SafetyBriefing(on, instructor)]

    def record_practice_period(self, period: DatePeriod, position: str, duties: str,
                               today: date) -> None:
        require_status(self, ACTIVE, action="record a practice period")
        check_practice_period(self, period, today)
        self._record_practice_period(period=period, position=position, duties=duties)

    @event("PracticePeriodRecorded")
    def _record_practice_period(self, period: DatePeriod, position: str, duties: str) -> None:
        self.practice_periods = [*self.practice_periods, PracticePeriod(period, position, duties)]

    def record_compensation(self, month: Month, amount: Money, reference: str) -> bool:
        """Record a payment to the trainee; False when the same payment is already recorded."""
        recorded = self.compensation_by_reference(reference)
        if recorded is not None:
            if (recorded.month, recorded.amount) == (month, amount):
                return False
            raise PaymentReferenceReusedError(f"payment reference {reference} is already recorded for "
                                     f"{recorded.month} ({recorded.amount} KZT)")
        require_status(self, ACTIVE, SUSPENDED, action="record compensation")
        if not month.period.overlaps(self.term):
            raise OutsideTermError(f"{month} is outside the term {self.term}")
        self._record_compensation(month=month, amount=amount, payment_reference=reference)
        return True

    @event("CompensationRecorded")
    def _record_compensation(self, month: Month, amount: Money, payment_reference: str) -> None:
        self.compensations = [*self.compensations,
                              Compensation(month, amount, payment_reference)]

    # Suspension (rule 8) -----------------------------------------------------------

    def suspend(self, start_date: date, reason: str, expected_return: date) -> None:
        require_status(self, ACTIVE, action="suspend")
        check_suspension_start(self, start_date)
        if expected_return <= start_date:
            raise InvalidValueError("the expected return must be after the suspension start",
                                    field="expected_return", rule="return_before_start")
        self._suspend(start_date=start_date, reason=reason,
                      expected_return=expected_return)

    @event("Suspended")
    def _suspend(self, start_date: date, reason: str, expected_return: date) -> None:
        self.suspensions = [*self.suspensions, Suspension(start_date, reason, expected_return)]
        self.status = SUSPENDED

    def resume(self, resumed_on: date) -> None:
        require_status(self, SUSPENDED, action="resume")
        started = self.suspensions[-1].start_date
        if resumed_on <= started:
            raise ReturnBeforeStartError(f"the return {resumed_on} must be after the suspension "
                                     f"start {started}")
        self._resume(resumed_on=resumed_on)

    @event("Resumed")
    def _resume(self, resumed_on: date) -> None:
        self.suspensions = [*self.suspensions[:-1],
                            replace(self.suspensions[-1], resumed_on=resumed_on)]
        self.status = ACTIVE

    # Termination (rule 9) and completion (rule 10) ----------------------------------

    def terminate(self, reason_code: TerminationReason, effective_date: date,
                  initiated_by: Party, comment: str, today: date) -> None:
        require_status(self, ACTIVE, SUSPENDED, action="terminate (cancel a draft instead)")
        if initiated_by not in ORGANISATIONS:
            raise TerminationInitiatorError("a termination is initiated by the college or the "
                                     "enterprise")
        check_termination_date(self, effective_date)
        self._terminate(reason_code=reason_code, effective_date=effective_date,
                        initiated_by=initiated_by, comment=comment,
                        recorded_on=today)

    @event("Terminated")
    def _terminate(self, reason_code: TerminationReason, effective_date: date,
                   initiated_by: Party, comment: str, recorded_on: date) -> None:
        self.terminations = [*self.terminations, Termination(
            reason_code, effective_date, initiated_by, comment, recorded_on)]
        self.status = AgreementStatus.TERMINATED

    def revoke_termination(self, reason: str, party: Party, today: date) -> None:
        """A mistaken termination is revoked by its initiator within 30 days."""
        require_status(self, AgreementStatus.TERMINATED, action="revoke a termination")
        termination = self.terminations[-1]
        if party is not termination.initiated_by:
            raise RevocationPartyError(f"only the {termination.initiated_by.value}, who "
                                     "initiated the termination, may revoke it")
        deadline = termination.recorded_on + REVOCATION_WINDOW
        if today > deadline:
            raise RevocationWindowError(f"the termination recorded on {termination.recorded_on} "
                                     f"could be revoked until {deadline}")
        self._revoke_termination(reason=reason, revoked_on=today)

    @event("TerminationRevoked")
    def _revoke_termination(self, reason: str, revoked_on: date) -> None:
        self.terminations = [*self.terminations[:-1], replace(
            self.terminations[-1], revoked_on=revoked_on, revocation_reason=reason)]
        self.status = SUSPENDED if self.open_suspension else ACTIVE

    def complete(self, completed_on: date, today: date) -> None:
        require_status(self, ACTIVE, action="complete (resume a suspended agreement first)")
        if completed_on < self.end_date:
            raise CompletionBeforeEndError(f"completion on {completed_on} is before the term end "
                                     f"{self.end_date}")
        if completed_on > today:
            raise CompletionInFutureError(f"completion on {completed_on} is in the future (today "
                                     f"is {today})")
        self._complete(completed_on=completed_on)

    @event("Completed")
    def _complete(self, completed_on: date) -> None:
        self.completed_on = completed_on
        self.status = AgreementStatus.COMPLETED

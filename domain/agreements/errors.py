"""The business rules of agreements that a command can break, one class per rule.

Each class carries the rule's machine code (``rule``, the problem+json ``rule`` on the
wire, unchanged since the first version); tests assert the class, not the wording.
"""

from __future__ import annotations

from domain.shared.errors import RuleViolationError


class AgreementStatusError(RuleViolationError):
    """The agreement's state does not allow the command."""

    rule = "agreement_status"


class AlreadyAcceptedError(RuleViolationError):
    """The party already accepted the amendment."""

    rule = "already_accepted"


class AlreadySignedError(RuleViolationError):
    """The party already signed the current terms."""

    rule = "already_signed"


class AmendmentAcceptorError(RuleViolationError):
    """The party is not one that must accept the amendment."""

    rule = "amendment_acceptor"


class AmendmentClosedError(RuleViolationError):
    """The amendment is no longer open for acceptance."""

    rule = "amendment_closed"


class AmendmentPendingError(RuleViolationError):
    """Another amendment still waits for acceptance."""

    rule = "amendment_pending"


class AmendmentProposerError(RuleViolationError):
    """Only an organisation proposes amendments."""

    rule = "amendment_proposer"


class BriefingInFutureError(RuleViolationError):
    """A safety briefing is recorded once it happened."""

    rule = "briefing_in_future"


class CompletionBeforeEndError(RuleViolationError):
    """Completion is on or after the term end (rule 10)."""

    rule = "completion_before_end"


class CompletionInFutureError(RuleViolationError):
    """Completion is recorded once it happened."""

    rule = "completion_in_future"


class DuplicateNumberError(RuleViolationError):
    """A college uses an agreement number once."""

    rule = "duplicate_number"


class MentorIsTraineeError(RuleViolationError):
    """The trainee cannot be their own mentor."""

    rule = "mentor_is_trainee"


class MentorLoadError(RuleViolationError):
    """A mentor carries at most the configured number of trainees (rule 4)."""

    rule = "mentor_load"


class MentorNotRegisteredError(RuleViolationError):
    """The mentor must be registered at the enterprise (rule 4)."""

    rule = "mentor_not_registered"


class MentorRequiredError(RuleViolationError):
    """A mentor is assigned before practice starts (rule 4)."""

    rule = "mentor_required"


class NotAPartyError(RuleViolationError):
    """Only a required party signs."""

    rule = "not_a_party"


class OutsideTermError(RuleViolationError):
    """The day or month lies outside the agreement's term."""

    rule = "outside_term"


class PaymentReferenceReusedError(RuleViolationError):
    """A payment reference names one payment (rule 7)."""

    rule = "payment_reference_reused"


class PracticeInFutureError(RuleViolationError):
    """The Annex records practice already done (rule 6)."""

    rule = "practice_in_future"


class PracticeInSuspensionError(RuleViolationError):
    """A practice period lies wholly inside a suspension (rule 6)."""

    rule = "practice_in_suspension"


class PracticeOutsideTermError(RuleViolationError):
    """A practice period lies inside the term (rule 6)."""

    rule = "practice_outside_term"


class PracticePeriodOverlapError(RuleViolationError):
    """Practice periods do not overlap each other (rule 6)."""

    rule = "practice_overlap"


class ReplacementDateError(RuleViolationError):
    """A replacement mentor starts after the current one."""

    rule = "replacement_date"


class RevocationPartyError(RuleViolationError):
    """Only the initiator revokes a termination (rule 9)."""

    rule = "revocation_party"


class RevocationWindowError(RuleViolationError):
    """A termination is revoked within 30 days (rule 9)."""

    rule = "revocation_window"


class SafetyBriefingRequiredError(RuleViolationError):
    """A safety briefing comes before practice (rule 5)."""

    rule = "safety_briefing_required"


class SameMentorError(RuleViolationError):
    """The mentor is already the current one."""

    rule = "same_mentor"


class SuspensionOverlapError(RuleViolationError):
    """Suspensions do not overlap each other (rule 8)."""

    rule = "suspension_overlap"


class TermExcludesRecordsError(RuleViolationError):
    """New dates must still hold what was recorded."""

    rule = "term_excludes_records"


class TerminationBeforePracticeError(RuleViolationError):
    """A termination is not before recorded practice (rule 9)."""

    rule = "termination_before_practice"


class TerminationBeforeStartError(RuleViolationError):
    """A termination is not before the term start (rule 9)."""

    rule = "termination_before_start"


class TerminationInitiatorError(RuleViolationError):
    """Only an organisation terminates (rule 9)."""

    rule = "termination_initiator"


class TraineeOverlapError(RuleViolationError):
    """One agreement in force per trainee and day (rule 3)."""

    rule = "trainee_overlap"


class UnknownAmendmentError(RuleViolationError):
    """The agreement has no amendment with that number."""

    rule = "unknown_amendment"


class ReturnBeforeStartError(RuleViolationError):
    """The return comes after the suspension start (rule 8)."""

    rule = "return_before_start"

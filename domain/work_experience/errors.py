"""The work-experience rules, one class each: the class is what callers and tests name,
``rule`` is the machine code on the wire (it never changes)."""

from __future__ import annotations

from domain.shared.errors import InvalidValueError, RuleViolationError


class CertificateAlreadyIssuedError(RuleViolationError):
    """An agreement has one valid certificate; a change is a correction that supersedes it."""

    rule = "certificate_already_issued"


class UnknownCertificateError(RuleViolationError):
    rule = "unknown_certificate"


class CertificateSupersededError(RuleViolationError):
    """Only the newest certificate of a chain of corrections may be corrected."""

    rule = "certificate_superseded"


class UnknownAgreementError(RuleViolationError):
    rule = "unknown_agreement"


class AgreementNotClosedError(RuleViolationError):
    """A certificate is issued only once the agreement is completed or terminated."""

    rule = "agreement_not_closed"


class CorrectionReasonRequiredError(InvalidValueError):
    rule = "required"


class CreditLimitsError(InvalidValueError):
    """Credit limits need 0 <= minimum <= maximum."""

    rule = "credit_limits"


class DurationError(InvalidValueError):
    rule = "duration"

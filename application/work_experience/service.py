"""Work-experience credit: follows the agreements and issues the certificates (the Annex).

Why the credit is fed through the agreements' notification log, and not written in
the same transaction as the agreement command that changed the practice:

* Decoupled write path. Recording a practice period, a suspension or a completion
  touches only the agreements' tables. The credit's rules (or an outage of its
  store) can never refuse or slow down what the enterprise records in the Annex.
* Exactly once. For each agreement notification, the credit's new events and a
  tracking record (the notification's position) are saved in ONE transaction. A
  position is tracked at most once (unique key), so a crash between two steps
  repeats the work instead of losing it, and a second process that tries the same
  position fails and moves on: no event is applied twice, none is skipped.
* Rebuildable. The per-agreement facts are a function of the agreements' history:
  a new store following from the first notification arrives at the same entries.
  (Certificates are this application's own records, written by commands.)
* Pull, not push. SQLite has no subscriptions (and each application has its own
  database file), so readers call ``catch_up()`` before they read: every read sees
  every agreement change committed before it. PostgreSQL works the same way.

The policy reads the agreement at the version of the event being processed, so the
result does not depend on when the notification is processed, and the credit
changes only when the facts it depends on changed.
"""

from __future__ import annotations

from uuid import UUID

from application.errors import NotFoundError
from application.security import Principal
from application.work_experience.access import (
    CERTIFICATE_ISSUERS,
    may_read_certificate,
    may_read_credit,
    require_certificate_reader,
    require_credit_reader,
    require_issuer,
)
from application.work_experience.commands import (
    CorrectCertificate,
    IssueCertificate,
    IssuedCertificate,
)
from application.work_experience.follower import CreditFollower, practice_of
from domain.shared.identifiers import IIN
from domain.work_experience.certificate import Certificate, CertificateNumber
from domain.work_experience.credit import WorkExperienceCredit
from domain.work_experience.summary import CreditSummary, summarise

__all__ = ["WorkExperience", "practice_of"]


class WorkExperience(CreditFollower):
    """Trainees' credits (kept by following the agreements) and their certificates."""

    name = "work_experience"

    # Reading -----------------------------------------------------------------------

    def credit_for(self, principal: Principal, trainee: IIN) -> CreditSummary:
        require_credit_reader(principal)
        self.catch_up()
        record = self._find_credit(trainee)
        principal.require_visible(may_read_credit(principal, trainee, record),
                                  f"work-experience credit of {trainee}")
        return summarise(trainee, record, min_months=self.min_months,
                         max_months=self.max_months)

    def certificate(self, principal: Principal, number: str) -> Certificate:
        """A certificate by number, for its trainee, college, enterprise and auditors."""
        require_certificate_reader(principal)
        _, certificate = self._certificate(number)
        principal.require_visible(may_read_certificate(principal, certificate),
                                  f"certificate {number}")
        return certificate

    def verify_certificate(self, number: str, code: str) -> Certificate | None:
        """The certificate with this number and this code, for anyone holding both (no
        token); None for an unknown number, a wrong code, or a certificate issued before
        codes existed: the three are not told apart, so that no number's existence leaks.

        The time is not equalised: an unknown number answers a little sooner (no credit to
        load) than a known one with a wrong code. Numbers are readable and guessable anyway
        (``WEC-<college BIN>-<agreement number>-<n>``); what the code protects is the
        certificate's content, and the per-address limit on this check keeps codes out of
        reach of guessing."""
        try:
            _, certificate = self._certificate(number)
        except NotFoundError:
            return None
        return certificate if certificate.has_code(code) else None

    # Issuing -----------------------------------------------------------------------

    def issue_certificate(self, principal: Principal,
                          command: IssueCertificate) -> IssuedCertificate:
        principal.require_role(*CERTIFICATE_ISSUERS)
        agreement = self.agreements.agreement_unchecked(command.agreement_id)
        require_issuer(principal, agreement.college_bin, agreement.enterprise_bin,
                       f"agreement {command.agreement_id}")
        self.catch_up()
        record = self.load(WorkExperienceCredit.create_id(agreement.trainee_iin),
                           WorkExperienceCredit, f"work-experience credit of agreement "
                           f"{agreement.number}")
        number = self._free_number(record, agreement.id)
        with self.acting(principal):
            certificate = record.issue_certificate(
                agreement.id, number=number, issued_on=self.today(),
                min_months=self.min_months, max_months=self.max_months)
            index = CertificateNumber(number=number, trainee_iin=record.trainee_iin,
                                      agreement_id=agreement.id)
        # One save: a second issue racing this one collides on the credit's version,
        # and the number index's natural id keeps a number from being given twice.
        return IssuedCertificate(certificate, self.recorded(record, index))

    def supersede_certificate(self, principal: Principal,
                              command: CorrectCertificate) -> IssuedCertificate:
        """Correct a certificate: a new one replaces it; both stay in the history."""
        principal.require_role(*CERTIFICATE_ISSUERS)
        self.catch_up()
        record, old = self._certificate(command.number)
        require_issuer(principal, old.college_bin, old.enterprise_bin,
                       f"certificate {command.number}")
        new_number = self._free_number(record, old.agreement_id)
        with self.acting(principal):
            certificate = record.supersede_certificate(
                command.number, command.reason, new_number=new_number, issued_on=self.today(),
                min_months=self.min_months, max_months=self.max_months)
            index = CertificateNumber(number=new_number, trainee_iin=record.trainee_iin,
                                      agreement_id=old.agreement_id)
        return IssuedCertificate(certificate, self.recorded(record, index))  # one save

    # Helpers -----------------------------------------------------------------------

    def _certificate(self, number: str) -> tuple[WorkExperienceCredit, Certificate]:
        index = self.load(CertificateNumber.create_id(number), CertificateNumber,
                          f"certificate {number}")
        record = self.load(WorkExperienceCredit.create_id(index.trainee_iin),
                           WorkExperienceCredit, f"certificate {number}")
        certificate = record.certificate(index.number)
        if certificate is None:
            raise NotFoundError(f"certificate {number} not found")
        return record, certificate

    def _free_number(self, record: WorkExperienceCredit, agreement_id: UUID) -> str:
        """The readable number, or (if two agreement numbers look alike) a distinct one."""
        number = record.next_certificate_number(agreement_id)
        if self.exists(CertificateNumber.create_id(number)):
            number = record.next_certificate_number(agreement_id, distinguish=True)
        return number

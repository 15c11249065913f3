"""WorkExperienceCredit: one per trainee, fed by the trainee's agreements.

The credit keeps, per agreement, the facts that seniority depends on (practice,
suspensions, how and when the agreement closed) and the certificates issued for
it. The facts arrive from the agreements' notification log (see
``application.work_experience.service``); certificates are issued by a command.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, IIN
from domain.shared.ids import natural_id
from domain.work_experience.agreement_practice import AgreementPractice
from domain.work_experience.certificate import (
    Certificate,
    certificate_number,
    new_verification_code,
)
from domain.work_experience.errors import (
    AgreementNotClosedError,
    CertificateAlreadyIssuedError,
    CertificateSupersededError,
    CorrectionReasonRequiredError,
    UnknownAgreementError,
    UnknownCertificateError,
)
from domain.work_experience.seniority import Duration, credit


class WorkExperienceCredit(AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:work_experience.WorkExperienceCredit"

    @staticmethod
    def create_id(trainee_iin: IIN | str) -> UUID:
        return natural_id("work_experience_credit", str(trainee_iin))

    @event("Opened")
    def __init__(self, trainee_iin: IIN, trainee_name: str) -> None:
        self.trainee_iin = trainee_iin
        self.trainee_name = trainee_name
        self.agreements: dict[str, AgreementPractice] = {}
        # Replaced, never changed in place: a reader holding the previous state keeps it.
        # A list, not a tuple: a snapshot gives JSON lists back, and state must compare
        # equal whether it was replayed or restored.
        self.certificates: list[Certificate] = []

    # Facts from the agreements ----------------------------------------------------

    def record_agreement(self, practice: AgreementPractice, trainee_name: str) -> bool:
        """Take in an agreement's current facts; False (and no event) if nothing changed."""
        if (self.agreements.get(str(practice.agreement_id)) == practice
                and trainee_name == self.trainee_name):
            return False
        self._record_agreement(
            agreement_id=practice.agreement_id, number=practice.number,
            college_bin=practice.college_bin, enterprise_bin=practice.enterprise_bin,
            region=practice.region, status=practice.status, practice=list(practice.practice),
            suspensions=list(practice.suspensions), closed_on=practice.closed_on,
            trainee_name=trainee_name)
        return True

    @event("AgreementPracticeRecorded")
    def _record_agreement(self, agreement_id: UUID, number: str, college_bin: BIN,
                          enterprise_bin: BIN, region: str, status: str,
                          practice: list[DatePeriod], suspensions: list[DatePeriod],
                          closed_on: date | None, trainee_name: str) -> None:
        # A new dict, not an update: a reader holding the previous state keeps it unchanged.
        self.agreements = {**self.agreements, str(agreement_id): AgreementPractice(
            agreement_id, number, college_bin, enterprise_bin, region, status,
            tuple(practice), tuple(suspensions), closed_on)}
        self.trainee_name = trainee_name

    def agreement(self, agreement_id: UUID) -> AgreementPractice | None:
        return self.agreements.get(str(agreement_id))

    def is_party(self, organisation: BIN) -> bool:
        return any(entry.is_party(organisation) for entry in self.agreements.values())

    # Certificates -----------------------------------------------------------------

    def certificate(self, number: str) -> Certificate | None:
        return next((c for c in self.certificates if c.number == number), None)

    def valid_certificate(self, agreement_id: UUID) -> Certificate | None:
        return next((c for c in self.certificates
                     if c.agreement_id == agreement_id and c.is_valid), None)

    def next_certificate_number(self, agreement_id: UUID, *, distinguish: bool = False) -> str:
        entry = self._closed_entry(agreement_id)
        sequence = 1 + sum(1 for c in self.certificates if c.agreement_id == agreement_id)
        return certificate_number(entry.college_bin, entry.number, sequence,
                                  agreement_id if distinguish else None)

    def issue_certificate(self, agreement_id: UUID, *, number: str, issued_on: date,
                          min_months: int, max_months: int) -> Certificate:
        entry = self._closed_entry(agreement_id, issued_on)
        existing = self.valid_certificate(agreement_id)
        if existing is not None:
            raise CertificateAlreadyIssuedError(
                f"agreement {entry.number} already has certificate {existing.number}; "
                "to correct it, supersede it with a reason")
        self._issue_certificate(**self._certificate_fields(entry, number, issued_on,
                                                           min_months, max_months),
                                supersedes=None, correction_reason=None,
                                verification_code=new_verification_code())
        return self.certificates[-1]

    def supersede_certificate(self, number: str, reason: str, *, new_number: str,
                              issued_on: date, min_months: int, max_months: int) -> Certificate:
        old = self.certificate(number)
        if old is None:
            raise UnknownCertificateError(f"certificate {number} is not in this credit")
        if old.superseded_by is not None:
            raise CertificateSupersededError(
                f"certificate {number} was already superseded by {old.superseded_by}; "
                "correct that one instead")
        if not reason.strip():
            raise CorrectionReasonRequiredError("a correction needs a reason", field="reason")
        entry = self._closed_entry(old.agreement_id, issued_on)
        fields = self._certificate_fields(entry, new_number, issued_on, min_months, max_months)
        self._issue_certificate(**fields, supersedes=number, correction_reason=reason,
                                verification_code=new_verification_code())
        return self.certificates[-1]

    def _closed_entry(self, agreement_id: UUID, today: date | None = None) -> AgreementPractice:
        entry = self.agreement(agreement_id)
        if entry is None:
            raise UnknownAgreementError(f"agreement {agreement_id} is not one of this trainee's")
        if not entry.is_closed:
            raise AgreementNotClosedError(
                f"agreement {entry.number} is {entry.status}: a work-experience certificate "
                "is issued only when the agreement is completed or terminated")
        if today is not None and entry.closed_on is not None and entry.closed_on > today:
            raise AgreementNotClosedError(
                f"agreement {entry.number} closes on {entry.closed_on}: its certificate can "
                "be issued from that day")
        return entry

    def _certificate_fields(self, entry: AgreementPractice, number: str, issued_on: date,
                            min_months: int, max_months: int) -> dict[str, Any]:
        result = credit(entry.total, min_months, max_months)
        return {
            "number": number, "agreement_id": entry.agreement_id,
            "agreement_number": entry.number, "trainee_name": self.trainee_name,
            "college_bin": entry.college_bin, "enterprise_bin": entry.enterprise_bin,
            "region": entry.region, "agreement_status": entry.status,
            "closed_on": entry.closed_on, "periods": entry.counted_periods,
            "total_months": result.total.months, "total_days": result.total.days,
            "credited_months": result.credited.months, "credited_days": result.credited.days,
            "reason": result.reason, "issued_on": issued_on,
        }

    @event("CertificateIssued")
    def _issue_certificate(self, number: str, agreement_id: UUID, agreement_number: str,
                           trainee_name: str, college_bin: BIN, enterprise_bin: BIN,
                           region: str, agreement_status: str, closed_on: date | None,
                           periods: list[DatePeriod], total_months: int, total_days: int,
                           credited_months: int, credited_days: int, reason: str | None,
                           issued_on: date, supersedes: str | None,
                           correction_reason: str | None,
                           verification_code: str | None = None) -> None:
        # ``verification_code`` defaults to None: events stored before codes existed lack it.
        # A correction is a new certificate naming the one it supersedes; the old one
        # is only marked as superseded, its content stays as issued.
        kept = [replace(c, superseded_by=number) if c.number == supersedes else c
                for c in self.certificates]
        self.certificates = [*kept, Certificate(
            number=number, agreement_id=agreement_id, agreement_number=agreement_number,
            trainee_iin=self.trainee_iin, trainee_name=trainee_name, college_bin=college_bin,
            enterprise_bin=enterprise_bin, region=region, agreement_status=agreement_status,
            closed_on=closed_on, periods=tuple(periods),
            total=Duration(total_months, total_days),
            credited=Duration(credited_months, credited_days), reason=reason,
            issued_on=issued_on, supersedes=supersedes, correction_reason=correction_reason,
            verification_code=verification_code)]

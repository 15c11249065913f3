"""How value objects, dates, enums and recorded facts are written into stored events.

One table, ``TRANSCODINGS``, names every type that stored events and snapshots hold.
Each name is written out, never derived from a class name, and is part of the stored
data: a class may be renamed or moved freely, a name never changes (add a new one).

Decoding trusts what was stored: identifiers and amounts come back through their
``trusted`` constructors, not today's validation, so a rule tightened later never
locks an auditor out of old history. Validation happens once, at the edge.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.agreements import records as agreement
from domain.agreements.terms import Person, Terms
from domain.intake.records import ImportMode, IntakeRow, JobStatus, RowError
from domain.mentor_payments.records import ActStatus, MentorPayment, RateType, ServiceAct
from domain.participants.aggregates import CollegeLeague, EnterpriseSize, OrganisationKind
from domain.patronage import records as patronage
from domain.reimbursement import records as reimbursement
from domain.shared.academic_year import AcademicYear
from domain.shared.calendar import DatePeriod, Month
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money
from domain.targeted_training import records as targeted
from domain.work_experience.agreement_practice import AgreementPractice
from domain.work_experience.certificate import Certificate
from domain.work_experience.seniority import Duration


def value_transcoding(kind: type, name: str, encode: Callable[[Any], Any],
                      decode: Callable[[Any], Any]) -> Transcoding:
    """Stores a value object as ``encode(value)``; ``decode`` trusts what was stored
    (it was valid when written: a rule tightened since must not lock old history out)."""

    class ValueAsData(Transcoding):
        type = kind

        def encode(self, obj: Any) -> Any:
            return encode(obj)

        def decode(self, data: Any) -> Any:
            return decode(data)

    ValueAsData.name = name
    return ValueAsData()


def _month(data: str) -> Month:
    return Month(int(data[:4]), int(data[5:]))


def _period(data: list[str]) -> DatePeriod:
    return DatePeriod(date.fromisoformat(data[0]), date.fromisoformat(data[1]))


def enum_transcoding(enum_class: type[Enum], name: str) -> Transcoding:
    """Stores an enum member by its value."""

    class EnumByValue(Transcoding):
        type = enum_class

        def encode(self, obj: Enum) -> Any:
            return obj.value

        def decode(self, data: Any) -> Enum:
            return enum_class(data)

    EnumByValue.name = name
    return EnumByValue()


def dataclass_transcoding(record_class: type, name: str) -> Transcoding:
    """Stores a frozen dataclass as an object of its fields.

    Not ``dataclasses.asdict``: that would flatten nested value objects (Money, Month,
    DatePeriod), which have transcodings of their own and must come back as themselves.
    JSON has no tuples, so fields declared as tuples are made tuples again on decoding.
    """
    if not is_dataclass(record_class):
        raise TypeError(f"{record_class.__qualname__} is not a dataclass")
    hints = typing.get_type_hints(record_class)
    tuple_fields = {f.name for f in fields(record_class)
                    if typing.get_origin(hints[f.name]) is tuple}

    class RecordAsObject(Transcoding):
        type = record_class

        def encode(self, obj: Any) -> dict[str, Any]:
            return {f.name: getattr(obj, f.name) for f in fields(obj)}

        def decode(self, data: dict[str, Any]) -> Any:
            values = {key: tuple(value) if key in tuple_fields and value is not None else value
                      for key, value in data.items()}
            return record_class(**values)

    RecordAsObject.name = name
    return RecordAsObject()


# Every stored type and its permanent name. The names of the enum and record entries
# are those the first version derived from class names; they are now fixed here.
TRANSCODINGS: tuple[Transcoding, ...] = (
    value_transcoding(date, "date_iso", date.isoformat, date.fromisoformat),
    value_transcoding(Month, "month", str, _month),
    value_transcoding(Money, "kzt", str, Money.trusted),
    value_transcoding(IIN, "iin", lambda iin: iin.value, IIN.trusted),
    value_transcoding(BIN, "bin", lambda bin_: bin_.value, BIN.trusted),
    value_transcoding(DatePeriod, "period",
                      lambda period: [period.start.isoformat(), period.end.isoformat()],
                      _period),
    enum_transcoding(agreement.AgreementStatus, "enum:AgreementStatus"),
    enum_transcoding(agreement.Party, "enum:Party"),
    enum_transcoding(agreement.TerminationReason, "enum:TerminationReason"),
    enum_transcoding(agreement.AmendmentStatus, "enum:AmendmentStatus"),
    enum_transcoding(RateType, "enum:RateType"),
    enum_transcoding(ActStatus, "enum:ActStatus"),
    enum_transcoding(OrganisationKind, "enum:OrganisationKind"),
    enum_transcoding(EnterpriseSize, "enum:EnterpriseSize"),
    enum_transcoding(CollegeLeague, "enum:CollegeLeague"),
    dataclass_transcoding(agreement.MentorAssignment, "agreement.MentorAssignment"),
    dataclass_transcoding(agreement.SafetyBriefing, "agreement.SafetyBriefing"),
    dataclass_transcoding(agreement.PracticePeriod, "agreement.PracticePeriod"),
    dataclass_transcoding(agreement.Suspension, "agreement.Suspension"),
    dataclass_transcoding(agreement.Compensation, "agreement.Compensation"),
    dataclass_transcoding(agreement.Amendment, "agreement.Amendment"),
    dataclass_transcoding(agreement.Termination, "agreement.Termination"),
    dataclass_transcoding(ServiceAct, "mentor_service_act"),
    dataclass_transcoding(MentorPayment, "mentor_payment"),
    dataclass_transcoding(Duration, "work_experience.Duration"),
    dataclass_transcoding(AgreementPractice, "work_experience.AgreementPractice"),
    dataclass_transcoding(Certificate, "work_experience.Certificate"),
    value_transcoding(AcademicYear, "academic_year", str, lambda data: AcademicYear(int(data[:4]))),
    enum_transcoding(reimbursement.CostCategory, "enum:CostCategory"),
    enum_transcoding(reimbursement.ClaimStatus, "enum:ClaimStatus"),
    dataclass_transcoding(reimbursement.CostLine, "reimbursement.CostLine"),
    dataclass_transcoding(reimbursement.ClaimPayment, "reimbursement.ClaimPayment"),
    dataclass_transcoding(reimbursement.AgreementFacts, "reimbursement.AgreementFacts"),
    enum_transcoding(patronage.MemorandumStatus, "patronage.MemorandumStatus"),
    enum_transcoding(patronage.Signatory, "patronage.Signatory"),
    enum_transcoding(patronage.CommitmentKind, "patronage.CommitmentKind"),
    dataclass_transcoding(patronage.Sections, "patronage.Sections"),
    dataclass_transcoding(patronage.Commitment, "patronage.Commitment"),
    dataclass_transcoding(patronage.Fulfilment, "patronage.Fulfilment"),
    dataclass_transcoding(patronage.MaterialAid, "patronage.MaterialAid"),
    dataclass_transcoding(patronage.Programme, "patronage.Programme"),
    dataclass_transcoding(patronage.Termination, "patronage.Termination"),
    enum_transcoding(targeted.OrderStatus, "enum:TargetedOrderStatus"),
    enum_transcoding(targeted.EnrolmentStatus, "enum:TargetedEnrolmentStatus"),
    enum_transcoding(targeted.WithdrawalReason, "enum:TargetedWithdrawalReason"),
    dataclass_transcoding(targeted.Enrolment, "targeted_training.Enrolment"),
    dataclass_transcoding(Person, "agreement.Person"),
    dataclass_transcoding(Terms, "agreement.Terms"),
    enum_transcoding(ImportMode, "enum:ImportMode"),
    enum_transcoding(JobStatus, "enum:JobStatus"),
    dataclass_transcoding(RowError, "intake.RowError"),
    dataclass_transcoding(IntakeRow, "intake.Row"),
)


def register_all(transcoder: JSONTranscoder) -> None:
    for transcoding in TRANSCODINGS:
        transcoder.register(transcoding)

"""The agreement as the API shows it: parties, terms, signatures and everything recorded on it.

Dumped straight from ``domain.agreements.agreement.DualTrainingAgreement``; the few answers that are
not one attribute (the trainee as ``{iin, full_name}``, the parties in a fixed order) are
``Derived`` fields, so that the OpenAPI document still shows their shape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import fields

from domain.agreements.records import AgreementStatus, AmendmentStatus, Party, TerminationReason
from domain.shared.regions import region_name
from interfaces.web.fields import (
    AggregateOut,
    Bin,
    Bool,
    Choice,
    Date,
    Iin,
    Int,
    List,
    Money,
    Month,
    Nested,
    OutputSchema,
    Region,
    Str,
)
from interfaces.web.runtime import system


class Derived:
    """Mixin: the field's value is ``getter(obj)`` instead of one attribute of ``obj``."""

    def __init__(self, *args: Any, getter: Callable[[Any], Any], **kwargs: Any) -> None:
        self.getter = getter
        super().__init__(*args, **kwargs)

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = None) -> Any:
        return self.getter(obj)


class DerivedNested(Derived, Nested):
    pass


class DerivedList(Derived, List):
    pass


class DerivedBool(Derived, Bool):
    pass


def in_party_order(parties: Any) -> list[Party]:
    return [party for party in Party if party in set(parties)]


def _parties(**kwargs: Any) -> List:
    return List(Choice(Party), **kwargs)


class PersonOut(OutputSchema):
    iin = Iin()
    full_name = Str()


class TermsOut(OutputSchema):
    """Terms; in an amendment only the ones it changes appear."""

    specialty_code = Str()
    qualification = Str()
    start_date = Date()
    end_date = Date()
    planned_practice_months = Int()
    workplace = Str()


class MentorAssignmentOut(OutputSchema):
    mentor_iin = Iin()
    from_date = Date()
    to_date = Date(allow_none=True, metadata={"description": "set when a successor took over"})


class SafetyBriefingOut(OutputSchema):
    date = Date()
    instructor = Str()


class PracticePeriodOut(OutputSchema):
    start_date = Date(attribute="period.start")
    end_date = Date(attribute="period.end")
    days = Int(attribute="period.days")
    position = Str()
    duties = Str()


class SuspensionOut(OutputSchema):
    start_date = Date()
    reason = Str()
    expected_return = Date()
    resumed_on = Date(allow_none=True)


class CompensationOut(OutputSchema):
    month = Month()
    amount = Money()
    payment_reference = Str()


class AmendmentOut(OutputSchema):
    number = Int()
    status = Choice(AmendmentStatus)
    changes = Nested(TermsOut)
    reason = Str()
    proposed_by = Choice(Party)
    required = DerivedList(Choice(Party), getter=lambda a: in_party_order(a.required),
                           metadata={"description": "who must accept (the proposer has)"})
    accepted_by = DerivedList(Choice(Party), getter=lambda a: in_party_order(a.accepted_by))
    missing = DerivedList(Choice(Party), getter=lambda a: in_party_order(a.missing))


class TerminationOut(OutputSchema):
    reason_code = Choice(TerminationReason)
    effective_date = Date()
    initiated_by = Choice(Party)
    comment = Str()
    recorded_on = Date()
    revoked_on = Date(allow_none=True)
    revocation_reason = Str(allow_none=True)


class AgreementOut(AggregateOut):
    number = Str()
    status = Choice(AgreementStatus)
    college_bin = Bin()
    enterprise_bin = Bin()
    region = Region()
    region_name = fields.Function(lambda agreement: region_name(agreement.region),
                                  metadata={"type": "string", "example": "Karaganda"})
    trainee = DerivedNested(PersonOut, getter=lambda a: {"iin": a.trainee_iin,
                                                         "full_name": a.trainee_name})
    legal_representative = DerivedNested(
        PersonOut, allow_none=True, metadata={"description": "a minor trainee's"},
        getter=lambda a: None if a.representative_iin is None else {
            "iin": a.representative_iin, "full_name": a.representative_name})
    specialty_code = Str()
    qualification = Str()
    start_date = Date()
    end_date = Date()
    planned_practice_months = Int()
    practice_plan_flagged = DerivedBool(
        getter=lambda a: system().agreements.practice_plan_flagged(a),
        metadata={"description": "planned practice outside the configured credited "
                                 "range (6-18 months by default)"})
    workplace = Str()
    terms_version = Int(metadata={"description": "all parties sign the same terms version"})
    required_parties = _parties()
    signed_by = DerivedList(Choice(Party), getter=lambda a: in_party_order(a.signed_by),
                            metadata={"description": "who signed the current terms version"})
    activated_on = Date(allow_none=True)
    mentor_assignments = List(Nested(MentorAssignmentOut))
    current_mentor_iin = Iin(allow_none=True)
    safety_briefings = List(Nested(SafetyBriefingOut))
    practice_periods = List(Nested(PracticePeriodOut), metadata={"description": "the Annex"})
    suspensions = List(Nested(SuspensionOut))
    compensations = List(Nested(CompensationOut))
    compensation_total = Money(positive=False)
    amendments = List(Nested(AmendmentOut))
    termination = Nested(TerminationOut, allow_none=True,
                         metadata={"description": "the termination in force (not revoked)"})
    terminations = List(Nested(TerminationOut), metadata={"description": "revoked ones too"})
    completed_on = Date(allow_none=True)
    cancellation_reason = Str(allow_none=True)


class AgreementWithAmendmentOut(AgreementOut):
    """The agreement, and the amendment the request proposed or accepted.

    That is always the last one: an amendment is proposed only when none is pending,
    and only a pending one can be accepted.
    """

    amendment = DerivedNested(AmendmentOut, getter=lambda a: a.amendments[-1])

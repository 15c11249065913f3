"""PatronageMemorandum: a large enterprise takes a college under its patronage
(DOMAIN.md, seeds/003 section 10).

States: ``draft`` -> ``in_force`` (when the enterprise and the college have both signed)
-> ``terminated``. A memorandum in force after its ``valid_to`` reads as ``expired``
(``status_on``): the term ends it without an event, as the calendar does.

Rules that need other aggregates (the enterprise's size, one memorandum in force per
enterprise and college, the number unique per enterprise) are checked by the application
with the guards in ``domain.patronage.guards``; this aggregate keeps the rest.

Interpretations (docs/patronage.md): the memorandum is in force from the later of
``valid_from`` and the day of the second signature until ``valid_to`` or its termination;
a delivery is dated inside that span and not in the future, and may be recorded late
(after ``valid_to``) but never after a termination.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from eventsourcing.domain import event

from domain.patronage.errors import (
    AlreadySignedError,
    FutureDateError,
    KindNotCommittedError,
    NotDraftError,
    NotInForceError,
    OutsideInForceError,
    TermEndedError,
)
from domain.patronage.records import (
    Commitment,
    CommitmentKind,
    Fulfilment,
    MaterialAid,
    MemorandumStatus,
    Programme,
    Sections,
    Signatory,
    Termination,
    check_commitments,
    check_quantity,
)
from domain.shared.audit import AuditedAggregate
from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN
from domain.shared.money import Money

Status = MemorandumStatus


class PatronageMemorandum(AuditedAggregate):
    TOPIC_PREFIX = "dualtrack:patronage.PatronageMemorandum"

    @event("Drafted")
    def __init__(self, number: str, enterprise_bin: BIN, college_bin: BIN, region: str,
                 term: DatePeriod, sections: Sections,
                 commitments: Sequence[Commitment]) -> None:
        self.number = number
        self.enterprise_bin = enterprise_bin
        self.college_bin = college_bin
        self.region = region  # the college's, for monitoring
        self.term = term
        self.sections = sections
        self.commitments = tuple(commitments)
        self.status = Status.DRAFT
        self.signatures: dict[str, date] = {}  # party value -> day signed
        self.in_force_from: date | None = None
        self.fulfilments: tuple[Fulfilment, ...] = ()
        self.material_aid: tuple[MaterialAid, ...] = ()
        self.programmes: tuple[Programme, ...] = ()
        self.termination: Termination | None = None

    @classmethod
    def draft(cls, *, number: str, enterprise_bin: BIN, college_bin: BIN, region: str,
              term: DatePeriod, sections: Sections,
              commitments: Sequence[Commitment]) -> PatronageMemorandum:
        return cls(number=number, enterprise_bin=enterprise_bin, college_bin=college_bin,
                   region=region, term=term, sections=sections,
                   commitments=list(check_commitments(commitments)))

    @property
    def valid_from(self) -> date:
        return self.term.start

    @property
    def valid_to(self) -> date:
        return self.term.end

    @property
    def committed_kinds(self) -> set[CommitmentKind]:
        return {commitment.kind for commitment in self.commitments}

    def status_on(self, today: date) -> Status:
        if self.status is Status.IN_FORCE and today > self.valid_to:
            return Status.EXPIRED
        return self.status

    @property
    def in_force_span(self) -> DatePeriod | None:
        """The days it was (or is to be) in force; None while a draft."""
        if self.in_force_from is None:
            return None
        end = self.termination.date if self.termination else self.valid_to
        return DatePeriod(self.in_force_from, max(end, self.in_force_from))

    # Signatures ------------------------------------------------------------------

    def sign(self, party: Signatory, today: date) -> bool:
        """Record ``party``'s signature; True when it put the memorandum in force."""
        if self.status is not Status.DRAFT:
            raise NotDraftError(f"memorandum {self.number} is {self.status.value}: only a "
                                "draft is signed")
        if party.value in self.signatures:
            raise AlreadySignedError(f"the {party.value} has already signed memorandum "
                                     f"{self.number}")
        if today > self.valid_to:
            raise TermEndedError(f"memorandum {self.number} was valid to {self.valid_to}: "
                                 "its term is over, it can no longer enter into force")
        self._sign(party=party, signed_on=today)
        return self.in_force_from is not None

    @event("Signed")
    def _sign(self, party: Signatory, signed_on: date) -> None:
        self.signatures = {**self.signatures, party.value: signed_on}
        if len(self.signatures) == len(Signatory):
            self.status = Status.IN_FORCE
            self.in_force_from = max(self.valid_from, signed_on)

    # What the enterprise delivers (rule 3) -------------------------------------------

    def _check_delivery(self, day: date, today: date, field: str = "date") -> None:
        if day > today:
            raise FutureDateError(f"{field} {day} is in the future", field=field)
        span = self.in_force_span
        if self.status is not Status.IN_FORCE or span is None:
            raise NotInForceError(f"memorandum {self.number} is {self.status.value}, not in "
                                  "force")
        if not span.contains(day):
            raise OutsideInForceError(f"{field} {day} is outside the days memorandum "
                                      f"{self.number} is in force ({span})")

    def record_fulfilment(self, *, kind: CommitmentKind, quantity: int, on: date,
                          evidence: str, today: date) -> None:
        check_quantity(quantity)
        self._check_delivery(on, today)
        if kind not in self.committed_kinds:
            committed = ", ".join(sorted(k.value for k in self.committed_kinds))
            raise KindNotCommittedError(f"memorandum {self.number} commits to {committed}, "
                                        f"not {kind.value}")
        self._fulfil(fulfilment=Fulfilment(kind, quantity, on, evidence))

    @event("CommitmentFulfilled")
    def _fulfil(self, fulfilment: Fulfilment) -> None:
        self.fulfilments = (*self.fulfilments, fulfilment)

    def record_material_aid(self, *, amount: Money, on: date, description: str,
                            today: date) -> None:
        if amount.amount <= 0:
            raise InvalidValueError("amount must be positive", field="amount", rule="positive")
        self._check_delivery(on, today)
        self._aid(aid=MaterialAid(amount, on, description))

    @event("MaterialAidProvided")
    def _aid(self, aid: MaterialAid) -> None:
        self.material_aid = (*self.material_aid, aid)

    def record_programme(self, *, title: str, specialty_code: str, on: date,
                         today: date) -> None:
        self._check_delivery(on, today)
        self._programme(programme=Programme(title, specialty_code, on))

    @event("ProgrammeDeveloped")
    def _programme(self, programme: Programme) -> None:
        self.programmes = (*self.programmes, programme)

    @property
    def material_aid_total(self) -> Money:
        total = Money.zero()
        for aid in self.material_aid:
            total = total + aid.amount
        return total

    # Termination -----------------------------------------------------------------

    def terminate(self, *, on: date, reason: str, party: Signatory, today: date) -> None:
        """Ends the memorandum from ``on``; nothing is recorded on it afterwards."""
        if self.status_on(today) is Status.EXPIRED:
            raise NotInForceError(f"memorandum {self.number} expired on {self.valid_to}: "
                                  "its term ended it")
        self._check_delivery(on, today)
        self._terminate(termination=Termination(on, reason, party))

    @event("Terminated")
    def _terminate(self, termination: Termination) -> None:
        self.status = Status.TERMINATED
        self.termination = termination

"""The enterprise's records on an agreement: mentors, safety briefings, the Annex, compensation."""

from __future__ import annotations

from uuid import UUID

from application.agreements.base import AgreementsBase
from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.errors import (
    MentorNotRegisteredError,
)
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod, Month, parse_date
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import IIN
from domain.shared.money import Money

_ENTERPRISE = (Role.ENTERPRISE,)


class AnnexCommands(AgreementsBase):

    def assign_mentor(self, principal: Principal, agreement_id: UUID | str, mentor_iin: object,
                      from_date: object, *, expected_version: int | None = None
                      ) -> DualTrainingAgreement:
        """Assign or replace the mentor; the mentors' loads are guards saved alongside."""
        agreement = self._for_change(principal, agreement_id, _ENTERPRISE, expected_version)
        mentor = _iin(mentor_iin, "mentor_iin", self)
        first_day = parse_date(from_date, "from_date")
        if not self.participants.is_active_mentor(agreement.enterprise_bin, mentor):
            raise MentorNotRegisteredError(f"{mentor} is not a registered mentor of enterprise "
                                     f"{agreement.enterprise_bin}")
        previous = agreement.current_mentor_iin
        with self.acting(principal):
            agreement.assign_mentor(mentor, first_day)
            # Concurrent assignments of one mentor all write the same MentorLoad at the same
            # version: only one commits, so the limit cannot be overrun by a race.
            load = self._mentor_load(mentor)
            load.hold(agreement.id, agreement.number, self.mentor_max_trainees)
            released = self._mentor_load(previous) if previous else None
            if released is not None:
                released.release(agreement.id)
        self.record(agreement, load, released)
        return agreement

    def record_safety_briefing(self, principal: Principal, agreement_id: UUID | str,
                               date: object, instructor: object, *,
                               expected_version: int | None = None) -> DualTrainingAgreement:
        agreement = self._for_change(principal, agreement_id, _ENTERPRISE, expected_version)
        with self.acting(principal):
            agreement.record_safety_briefing(parse_date(date, "date"), instructor, self.today())
        self.record(agreement)
        return agreement

    def record_practice_period(self, principal: Principal, agreement_id: UUID | str,
                               start_date: object, end_date: object, position: object,
                               duties: object, *, expected_version: int | None = None
                               ) -> DualTrainingAgreement:
        agreement = self._for_change(principal, agreement_id, _ENTERPRISE, expected_version)
        period = DatePeriod(parse_date(start_date, "start_date"), parse_date(end_date, "end_date"))
        with self.acting(principal):
            agreement.record_practice_period(period, position, duties, self.today())
        self.record(agreement)
        return agreement

    def record_compensation(self, principal: Principal, agreement_id: UUID | str,
                            month: object, amount: object, payment_reference: object, *,
                            expected_version: int | None = None) -> DualTrainingAgreement:
        """The same payment reference twice records the payment once."""
        agreement = self._for_change(principal, agreement_id, _ENTERPRISE, expected_version)
        try:
            paid_for = Month.parse(month)
        except InvalidValueError as error:
            raise error.at("month") from None
        try:
            paid = Money.positive(amount)
        except InvalidValueError as error:
            raise error.at("amount") from None
        with self.acting(principal):
            agreement.record_compensation(paid_for, paid, payment_reference)
        self.record(agreement)
        return agreement


def _iin(value: object, field: str, app: AgreementsBase) -> IIN:
    try:
        return IIN.parse(value, today=app.today())
    except InvalidValueError as error:
        raise error.at(field) from None

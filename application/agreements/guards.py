"""The guard aggregates an agreement command saves alongside the agreement.

Cross-agreement rules are kept by guards with natural ids (see ``domain.agreements.guards``):
``TraineeCalendar`` (one agreement in force per trainee and day) and ``MentorLoad`` (a
mentor's concurrent trainees). Opening one is itself a write at version 1, so two first
writers collide too.
"""

from __future__ import annotations

from application.base import DualtrackApplication
from domain.agreements.agreement import DualTrainingAgreement
from domain.agreements.guards import MentorLoad, TraineeCalendar
from domain.shared.audit import AuditedAggregate
from domain.shared.identifiers import IIN


def calendar_of(app: DualtrackApplication, trainee_iin: IIN) -> TraineeCalendar:
    found = app.load_or_none(TraineeCalendar.create_id(trainee_iin), TraineeCalendar,
                             f"calendar of {trainee_iin}")
    return found or TraineeCalendar(trainee_iin=trainee_iin)


def load_of(app: DualtrackApplication, mentor_iin: IIN) -> MentorLoad:
    found = app.load_or_none(MentorLoad.create_id(mentor_iin), MentorLoad,
                             f"load of mentor {mentor_iin}")
    return found or MentorLoad(mentor_iin=mentor_iin)


def book_term(app: DualtrackApplication, agreement: DualTrainingAgreement) -> TraineeCalendar:
    """Hold the agreement's term in the trainee's calendar (refused on an overlap)."""
    calendar = calendar_of(app, agreement.trainee_iin)
    calendar.book(agreement.id, agreement.number, agreement.term)
    return calendar


def current_mentor(agreement: DualTrainingAgreement) -> IIN | None:
    # Assignments store the IIN as text (a stored attribute, kept as it was recorded).
    current = agreement.current_mentor_iin
    return None if current is None else IIN.trusted(current)


def release_all(app: DualtrackApplication,
                agreement: DualTrainingAgreement) -> list[AuditedAggregate]:
    """Free the trainee's calendar and the mentor's load when the agreement ends."""
    calendar = calendar_of(app, agreement.trainee_iin)
    calendar.release(agreement.id)
    guards: list[AuditedAggregate] = [calendar]
    mentor = current_mentor(agreement)
    if mentor is not None:
        load = load_of(app, mentor)
        load.release(agreement.id)
        guards.append(load)
    return guards

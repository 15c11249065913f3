"""The composition root: the one place that knows which concrete adapters are used.

``bootstrap(settings)`` builds the applications; ``Dualtrack.open_projections()`` the
views over them (SQLite or PostgreSQL view store, polling or LISTEN/NOTIFY waiter, from
the same settings). Every entry point (web runtime, command line, worker, tests) calls
these two and nothing else.

Call ``bootstrap()`` in each process after a server forks its workers (never at
import): Application objects hold database connections and must not be shared
across a fork.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from application.agreements.service import Agreements
from application.intake.service import Intake
from application.mentor_payments.service import MentorPayments
from application.participants.service import Participants
from application.patronage.service import Patronage
from application.reimbursement.service import Reimbursement
from application.targeted_training.service import TargetedTraining
from application.work_experience.service import WorkExperience
from infrastructure.idempotency.store import Idempotency
from infrastructure.settings import Settings

if TYPE_CHECKING:
    from application.projections.facade import Projections
    from application.projections.runner import BatchHook


@dataclass
class Dualtrack:
    settings: Settings
    participants: Participants
    agreements: Agreements
    payments: MentorPayments
    work_experience: WorkExperience
    idempotency: Idempotency
    reimbursement: Reimbursement
    patronage: Patronage
    targeted_training: TargetedTraining
    intake: Intake

    @property
    def applications(self) -> tuple:  # type: ignore[type-arg]
        return (self.participants, self.agreements, self.payments, self.work_experience,
                self.reimbursement, self.patronage, self.targeted_training, self.intake)

    def open_projections(self, *, batch_size: int = 1000,
                         before_commit: BatchHook | None = None) -> Projections:
        """The views over these applications; the caller closes them."""
        # Imported here: the view stores import psycopg, which a SQLite-only process
        # never needs to load.
        from infrastructure.views import open_projections

        return open_projections(self.settings, self, batch_size=batch_size,
                                before_commit=before_commit)

    def pin_today(self, clock: Callable[[], date]) -> None:
        """Fix business 'today' for every application (tests and the demo)."""
        for app in self.applications:
            app.clock = clock

    def close(self) -> None:
        self.idempotency.close()
        for app in reversed(self.applications):
            app.close()

    def __enter__(self) -> Dualtrack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def bootstrap(settings: Settings | None = None) -> Dualtrack:
    settings = settings or Settings.from_env()
    participants = Participants(settings.app_env(Participants.name))
    agreements = Agreements(settings.app_env(Agreements.name), participants=participants,
                            mentor_max_trainees=settings.mentor_max_trainees, credit_months=(settings.credit_min_months, settings.credit_max_months))
    payments = MentorPayments(settings.app_env(MentorPayments.name),
                              participants=participants, agreements=agreements)
    work_experience = WorkExperience(settings.app_env(WorkExperience.name),
                                     agreements=agreements,
                                     min_months=settings.credit_min_months,
                                     max_months=settings.credit_max_months)
    idempotency = Idempotency(settings, ttl=settings.idempotency_ttl)
    reimbursement = Reimbursement(settings.app_env(Reimbursement.name),
                                  participants=participants, agreements=agreements)
    patronage = Patronage(settings.app_env(Patronage.name), participants=participants)
    targeted_training = TargetedTraining(settings.app_env(TargetedTraining.name),
                                         participants=participants)
    intake = Intake(settings.app_env(Intake.name), agreements=agreements,
                    batch_size=settings.import_batch_size)
    return Dualtrack(settings, participants, agreements, payments, work_experience, idempotency,
                     reimbursement, patronage, targeted_training, intake)

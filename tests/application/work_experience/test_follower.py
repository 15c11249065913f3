"""The credit follows the agreements' notification log exactly once, on both backends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

from application.work_experience.commands import CorrectCertificate, IssueCertificate
from application.work_experience.service import WorkExperience, practice_of
from domain.shared.audit import Actor, Role, acting_as
from domain.shared.identifiers import IIN
from domain.work_experience.credit import WorkExperienceCredit
from tests.application.agreements.fixtures import active_agreement, principals
from tests.application.work_experience.test_credit import with_suspension
from tests.conftest import TODAY


def another_process(system, cls: type[WorkExperience] = WorkExperience, **kwargs: Any):
    """A second WorkExperience on the same store, as another process would open it."""
    app = cls(system.settings.app_env(cls.name), agreements=system.agreements, **kwargs)
    app.clock = lambda: TODAY
    return app


class RacedWorkExperience(WorkExperience):
    """Runs ``interruption`` (another writer) between its first policy and its save."""

    name = "work_experience"  # the same store and tables as the real one

    def __init__(self, *args: Any, interruption: Callable[[], Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.interruption: Callable[[], Any] | None = interruption

    def policy(self, domain_event: Any, processing_event: Any) -> None:
        super().policy(domain_event, processing_event)
        if self.interruption is not None:
            interruption, self.interruption = self.interruption, None
            interruption()


class RebuiltWorkExperience(WorkExperience):
    name = "work_experience_rebuilt"  # tables of its own, empty: follows from the first event


def credit_events(app: WorkExperience, agreement) -> list[Any]:
    return app.events_of(WorkExperienceCredit.create_id(agreement.trainee_iin))


def fact_changes(system, agreement) -> int:
    """How many versions of the agreement changed the facts the credit depends on."""
    changes, last = 0, None
    for version in range(1, agreement.version + 1):
        facts = practice_of(system.agreements.agreement_unchecked(agreement.id, version=version))
        changes, last = changes + (facts != last), facts
    return changes


def test_the_credit_records_only_changes_of_the_practice_facts(system):
    agreement = with_suspension(system)
    system.work_experience.catch_up()

    events = credit_events(system.work_experience, agreement)

    assert type(events[0]).__name__ == "Opened"
    assert len(events) - 1 == fact_changes(system, agreement) < agreement.version


def test_catching_up_twice_processes_nothing_the_second_time(system):
    agreement = with_suspension(system)

    assert system.work_experience.catch_up() > 0
    before = credit_events(system.work_experience, agreement)
    assert system.work_experience.catch_up() == 0
    assert credit_events(system.work_experience, agreement) == before


def test_two_processes_catching_up_one_after_the_other_record_each_change_once(system):
    agreement = with_suspension(system)
    other = another_process(system)
    try:
        processed = other.catch_up()
        assert processed > 0 and system.work_experience.catch_up() == 0
        assert len(credit_events(other, agreement)) == fact_changes(system, agreement) + 1
        iin = agreement.trainee_iin.value
        assert other.credit_for(principals(agreement).trainee, IIN.parse(iin)) == \
            system.work_experience.credit_for(principals(agreement).trainee, IIN.parse(iin))
    finally:
        other.close()


def test_a_process_that_loses_the_race_for_a_position_skips_it_and_goes_on(system):
    agreement = with_suspension(system)
    raced = another_process(system, RacedWorkExperience,
                            interruption=system.work_experience.catch_up)
    try:
        raced.catch_up()  # its first save fails on the rival's tracking record
        assert raced.catch_up() == system.work_experience.catch_up() == 0
        assert len(credit_events(raced, agreement)) == fact_changes(system, agreement) + 1
        assert raced.recorder.max_tracking_id("agreements") == \
            system.agreements.recorder.max_notification_id()
    finally:
        raced.close()


def test_a_correction_recorded_while_the_follower_works_makes_it_retry_not_fail(system):
    first = with_suspension(system)
    who = principals(first)
    certificate = system.work_experience.issue_certificate(
        who.enterprise, IssueCertificate(first.id)).certificate
    second = active_agreement(system, trainee_iin=first.trainee_iin.value,
                              start=date(2026, 11, 2), end=date(2027, 6, 30))
    app = system.work_experience

    def correct_the_certificate() -> None:
        # A command's write to the same credit, without catching up first.
        record = app.load(WorkExperienceCredit.create_id(first.trainee_iin),
                          WorkExperienceCredit, "credit")
        with acting_as(Actor(Role.COLLEGE, first.college_bin.value), "test-correction"):
            record.supersede_certificate(certificate.number, "typo", new_number="WEC-fixed",
                                         issued_on=TODAY, min_months=6, max_months=18)
        app.record(record)

    raced = another_process(system, RacedWorkExperience, interruption=correct_the_certificate)
    try:
        waiting = (system.agreements.recorder.max_notification_id()
                   - raced.recorder.max_tracking_id("agreements"))
        # Its first save collides with the correction's version; it retries and does it all.
        assert raced.catch_up() == waiting
        credit = raced.credit_for(who.auditor, first.trainee_iin)
        assert [c.number for c in credit.certificates] == [certificate.number, "WEC-fixed"]
        assert {a.agreement_id for a in credit.agreements} == {first.id, second.id}
    finally:
        raced.close()


def test_two_processes_catching_up_at_the_same_time_record_each_change_once(system):
    agreement = with_suspension(system)
    others = [system.work_experience, another_process(system)]
    errors: list[BaseException] = []

    def run(app: WorkExperience) -> None:
        try:
            app.catch_up()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(app,)) for app in others]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert len(credit_events(others[0], agreement)) == fact_changes(system, agreement) + 1
    finally:
        others[1].close()


def test_the_credit_can_be_rebuilt_from_the_first_agreement_event(system):
    agreement = with_suspension(system)
    rebuilt = another_process(system, RebuiltWorkExperience)
    try:
        rebuilt.catch_up()
        trainee = principals(agreement).trainee
        iin = agreement.trainee_iin.value
        assert rebuilt.credit_for(trainee, IIN.parse(iin)) == \
            system.work_experience.credit_for(trainee, IIN.parse(iin))
    finally:
        rebuilt.close()


def test_the_follower_writes_as_the_system_with_the_agreement_changes_correlation_id(system):
    agreement = with_suspension(system)
    system.work_experience.catch_up()

    last = credit_events(system.work_experience, agreement)[-1]
    completion = system.agreements.events.get(agreement.id, desc=True, limit=1)
    assert (last.actor_role, last.actor_id) == ("system", "dualtrack")
    assert last.correlation_id == next(iter(completion)).correlation_id


def test_a_snapshot_of_a_credit_with_certificates_reads_back_the_same(system):
    agreement = with_suspension(system)
    who = principals(agreement)
    first = system.work_experience.issue_certificate(
        who.enterprise, IssueCertificate(agreement.id)).certificate
    system.work_experience.supersede_certificate(
        who.college, CorrectCertificate(first.number, "typo in the name"))
    before = system.work_experience.credit_for(who.trainee, agreement.trainee_iin)

    system.work_experience.take_snapshot(WorkExperienceCredit.create_id(agreement.trainee_iin))

    assert system.work_experience.credit_for(who.trainee, agreement.trainee_iin) == before

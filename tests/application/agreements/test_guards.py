"""Rules across agreements: unique numbers, one agreement in force per trainee, mentor load."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from application.agreements import commands as c
from domain.agreements.agreement import AgreementStatus
from domain.agreements.errors import (
    DuplicateNumberError,
    MentorLoadError,
    MentorNotRegisteredError,
    RevocationPartyError,
    TraineeOverlapError,
)
from domain.agreements.guards import MentorLoad, TraineeCalendar
from domain.agreements.records import Party, TerminationReason
from domain.agreements.terms import TermsChange
from domain.shared.identifiers import IIN
from tests.application.agreements import fixtures as agreement_fixtures
from tests.application.agreements.fixtures import (
    AUDITOR,
    MENTOR_IIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    OTHER_MENTOR_IIN,
    AgreementsWorld,
    active_agreement,
    draft_agreement,
    new_trainee_iin,
    open_world,
    principals,
    register_mentor,
    sign_all,
)

world = agreement_fixtures.world


@pytest.fixture
def small_world(settings) -> Iterator[AgreementsWorld]:  # type: ignore[no-untyped-def]
    opened = open_world(settings, mentor_max_trainees=2)
    yield opened
    opened.close()


def test_an_agreement_number_is_used_once_per_college(world):
    draft_agreement(world, number="DT-2026-001")
    with pytest.raises(DuplicateNumberError):
        draft_agreement(world, number="DT-2026-001")
    other = draft_agreement(world, number="DT-2026-001", college_bin=OTHER_COLLEGE_BIN)
    assert world.agreements.find_by_number(OTHER_COLLEGE_BIN, "DT-2026-001") == other.id


def test_a_second_overlapping_activation_is_rejected_naming_the_other_agreement(world):
    trainee = new_trainee_iin()
    active_agreement(world, trainee_iin=trainee, number="DT-A")
    second = draft_agreement(world, trainee_iin=trainee, number="DT-B",
                             enterprise_bin=OTHER_ENTERPRISE_BIN,
                             start=date(2027, 3, 1), end=date(2027, 12, 31))
    with pytest.raises(TraineeOverlapError):
        sign_all(world, second)
    assert world.agreements.get(AUDITOR, second.id).status is AgreementStatus.DRAFT


def test_agreements_of_one_trainee_with_separate_terms_are_both_active(world):
    trainee = new_trainee_iin()
    active_agreement(world, trainee_iin=trainee, end=date(2027, 6, 30))
    later = active_agreement(world, trainee_iin=trainee, start=date(2027, 7, 1),
                             end=date(2027, 12, 31), mentor_iin=None)
    assert later.status is AgreementStatus.ACTIVE


@pytest.mark.parametrize("ending", ["terminate", "complete"])
def test_an_ended_agreement_no_longer_blocks_the_trainee(world, ending):
    trainee = new_trainee_iin()
    term = {"start": date(2026, 1, 12), "end": date(2026, 11, 20)}
    first = active_agreement(world, trainee_iin=trainee, **term)
    college = principals(first).college
    if ending == "terminate":
        world.agreements.terminate(college, c.Terminate(first.id, TerminationReason.TRANSFER, date(2026, 10, 31), "Transferred to another enterprise"))
    else:
        world.agreements.complete(college, c.Complete(first.id, date(2026, 11, 21)))
    second = sign_all(world, draft_agreement(world, trainee_iin=trainee, **term))
    assert second.status is AgreementStatus.ACTIVE


def test_an_amendment_moving_the_term_onto_another_agreement_is_rejected(world):
    trainee = new_trainee_iin()
    first = active_agreement(world, trainee_iin=trainee, number="DT-1", end=date(2027, 6, 30))
    active_agreement(world, trainee_iin=trainee, number="DT-2", start=date(2027, 7, 1),
                     end=date(2027, 12, 31), mentor_iin=None)
    who = principals(first)
    world.agreements.propose_amendment(who.college, c.ProposeAmendment(first.id, TermsChange(end_date=date(2027, 8, 31)), "Longer practice"))
    world.agreements.accept_amendment(who.enterprise, c.AcceptAmendment(first.id, 1, Party.ENTERPRISE))
    with pytest.raises(TraineeOverlapError):
        world.agreements.accept_amendment(who.trainee, c.AcceptAmendment(first.id, 1, Party.TRAINEE))
    assert world.agreements.get(AUDITOR, first.id).end_date == date(2027, 6, 30)


def test_revoking_a_termination_is_rejected_when_another_agreement_took_its_place(world):
    trainee = new_trainee_iin()
    first = active_agreement(world, trainee_iin=trainee, number="DT-1")
    college = principals(first).college
    world.agreements.terminate(college, c.Terminate(first.id, TerminationReason.TRANSFER, date(2026, 10, 31), "Transfer"))
    active_agreement(world, trainee_iin=trainee, number="DT-2", mentor_iin=None)
    with pytest.raises(TraineeOverlapError):
        world.agreements.revoke_termination(college, c.RevokeTermination(first.id, "Mistake"))


def test_the_enterprise_revoking_a_college_s_termination_is_refused(world):
    agreement = active_agreement(world)
    who = principals(agreement)
    world.agreements.terminate(who.college, c.Terminate(agreement.id, TerminationReason.EXPULSION, date(2026, 10, 31), "Order 9"))
    with pytest.raises(RevocationPartyError):
        world.agreements.revoke_termination(who.enterprise, c.RevokeTermination(agreement.id, "Mistake"))
    revoked = world.agreements.revoke_termination(who.college, c.RevokeTermination(agreement.id, "Wrong student")).aggregate
    assert revoked.status is AgreementStatus.ACTIVE
    history = [type(e).__name__ for e in world.agreements.history(AUDITOR, agreement.id)]
    assert history[-2:] == ["Terminated", "TerminationRevoked"]


def test_a_mentor_must_be_registered_at_the_agreement_s_enterprise(world):
    agreement = active_agreement(world, mentor_iin=None)
    agreement_fixtures.register_organisations(world, enterprise_bin=OTHER_ENTERPRISE_BIN)
    register_mentor(world, iin=OTHER_MENTOR_IIN, enterprise_bin=OTHER_ENTERPRISE_BIN)
    with pytest.raises(MentorNotRegisteredError):
        world.agreements.assign_mentor(principals(agreement).enterprise, c.AssignMentor(agreement.id, IIN.parse(OTHER_MENTOR_IIN), agreement.start_date))


def test_a_mentor_carries_at_most_the_configured_number_of_trainees(small_world):
    active_agreement(small_world, number="DT-1")
    active_agreement(small_world, number="DT-2")
    with pytest.raises(MentorLoadError, match=r"already mentors 2 trainees \(agreements "
                                                 r"DT-1, DT-2\); the limit is 2"):
        active_agreement(small_world, number="DT-3")


def test_replacing_a_mentor_frees_a_place_with_the_previous_one(small_world):
    first = active_agreement(small_world)
    active_agreement(small_world)
    register_mentor(small_world, iin=OTHER_MENTOR_IIN)
    small_world.agreements.assign_mentor(principals(first).enterprise, c.AssignMentor(first.id, IIN.parse(OTHER_MENTOR_IIN), date(2026, 10, 1)))
    assert active_agreement(small_world).current_mentor_iin == MENTOR_IIN


def test_completion_and_termination_release_the_mentor_and_the_trainee(small_world):
    first = active_agreement(small_world, start=date(2026, 1, 12), end=date(2026, 11, 20))
    second = active_agreement(small_world)
    who = principals(first)
    small_world.agreements.complete(who.college, c.Complete(first.id, date(2026, 11, 23)))
    small_world.agreements.terminate(principals(second).enterprise, c.Terminate(second.id, TerminationReason.ENTERPRISE_LIQUIDATION, date(2026, 11, 1), "Liquidated"))
    agreements = small_world.agreements
    load = agreements.repository.get(MentorLoad.create_id(MENTOR_IIN))
    assert load.agreements == {}
    calendar = agreements.repository.get(TraineeCalendar.create_id(first.trainee_iin))
    assert calendar.bookings == {}
    assert active_agreement(small_world).current_mentor_iin == MENTOR_IIN

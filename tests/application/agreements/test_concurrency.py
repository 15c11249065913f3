"""Concurrent writers from two "processes" (two application instances on one store).

Each racer waits at a barrier just before saving, so both have loaded the same
versions and changed them before either commits: the race is certain, not timed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

import pytest

from application.agreements import commands as c
from application.agreements.service import Agreements
from application.errors import ConcurrentWriteError
from application.participants.service import Participants
from domain.agreements.agreement import AgreementStatus, DualTrainingAgreement, Party
from domain.agreements.errors import DuplicateNumberError, TraineeOverlapError
from domain.shared.errors import RuleViolationError
from tests.application.agreements import fixtures as agreement_fixtures
from tests.application.agreements.fixtures import (
    AUDITOR,
    OTHER_ENTERPRISE_BIN,
    AgreementsWorld,
    draft_agreement,
    new_trainee_iin,
    principals,
)
from tests.conftest import TODAY

world = agreement_fixtures.world


class RacingAgreements(Agreements):
    name = "agreements"  # the same tables as the real application
    barrier: ClassVar[threading.Barrier | None] = None

    def record(self, *aggregates: Any) -> int | None:
        if self.barrier is not None:
            self.barrier.wait(timeout=20)
        return super().record(*aggregates)


@pytest.fixture
def racers(settings) -> Iterator[tuple[AgreementsWorld, AgreementsWorld]]:  # type: ignore[no-untyped-def]
    opened = []
    for _ in range(2):
        participants = Participants(settings.app_env(Participants.name))
        agreements = RacingAgreements(settings.app_env(Agreements.name),
                                      participants=participants)
        participants.clock = agreements.clock = lambda: TODAY
        opened.append(AgreementsWorld(participants, agreements))
    yield opened[0], opened[1]
    RacingAgreements.barrier = None
    for world in opened:
        world.close()


def race(*commands: Callable[[], Any]) -> list[Any]:
    """Run the commands at once; each outcome is a result or the exception raised."""
    RacingAgreements.barrier = threading.Barrier(len(commands))
    outcomes: list[Any] = [None] * len(commands)

    def run(index: int, command: Callable[[], Any]) -> None:
        try:
            outcomes[index] = command()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(commands)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    RacingAgreements.barrier = None
    return outcomes


def signed_except_trainee(world: AgreementsWorld, **kwargs: Any) -> DualTrainingAgreement:
    agreement = draft_agreement(world, **kwargs)
    who = principals(agreement)
    world.agreements.sign(who.college, c.Sign(agreement.id, Party.COLLEGE))
    return world.agreements.sign(who.enterprise, c.Sign(agreement.id, Party.ENTERPRISE)).aggregate


def event_names(world: AgreementsWorld, agreement: DualTrainingAgreement) -> list[str]:
    return [type(e).__name__ for e in world.agreements.history(AUDITOR, agreement.id)]


def test_two_processes_activating_overlapping_agreements_of_one_trainee_exactly_one_wins(
        world, racers):
    setup = world
    trainee = new_trainee_iin()
    first = signed_except_trainee(setup, trainee_iin=trainee, number="DT-A")
    second = signed_except_trainee(setup, trainee_iin=trainee, number="DT-B",
                                   enterprise_bin=OTHER_ENTERPRISE_BIN)
    as_trainee = principals(first).trainee
    one, two = racers

    outcomes = race(lambda: one.agreements.sign(as_trainee, c.Sign(first.id, Party.TRAINEE)).aggregate,
                    lambda: two.agreements.sign(as_trainee, c.Sign(second.id, Party.TRAINEE)).aggregate)

    winners = [o for o in outcomes if isinstance(o, DualTrainingAgreement)]
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], ConcurrentWriteError | RuleViolationError)
    winner = winners[0]
    loser = second if winner.id == first.id else first
    statuses = {a.number: setup.agreements.get(AUDITOR, a.id).status for a in (first, second)}
    assert statuses == {winner.number: AgreementStatus.ACTIVE, loser.number: AgreementStatus.DRAFT}
    # Nothing lost: the winner's signature and activation, the loser's earlier signatures.
    assert event_names(setup, winner)[-2:] == ["Signed", "Activated"]
    assert event_names(setup, loser) == ["Registered", "Signed", "Signed"]
    with pytest.raises(TraineeOverlapError, match=winner.number):
        setup.agreements.sign(as_trainee, c.Sign(loser.id, Party.TRAINEE))


def test_two_writers_on_the_same_agreement_exactly_one_wins_and_no_event_is_lost(
        world, racers):
    setup = world
    agreement = draft_agreement(setup)
    who = principals(agreement)
    one, two = racers

    outcomes = race(lambda: one.agreements.sign(who.college, c.Sign(agreement.id, Party.COLLEGE)).aggregate,
                    lambda: two.agreements.sign(who.enterprise, c.Sign(agreement.id, Party.ENTERPRISE)).aggregate)

    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(losers) == 1 and isinstance(losers[0], ConcurrentWriteError)
    winner_party = Party.COLLEGE if isinstance(outcomes[0], DualTrainingAgreement) \
        else Party.ENTERPRISE
    stored = setup.agreements.get(AUDITOR, agreement.id)
    assert stored.version == 2 and stored.signed_by == {winner_party}
    assert event_names(setup, agreement) == ["Registered", "Signed"]


def test_two_registrations_racing_for_one_number_record_one_agreement(world, racers):
    setup = world
    draft_agreement(setup)  # registers the organisations
    one, two = racers

    outcomes = race(lambda: draft_agreement(one, number="DT-RACE"),
                    lambda: draft_agreement(two, number="DT-RACE"))

    assert sum(isinstance(o, DualTrainingAgreement) for o in outcomes) == 1
    # The loser collides on the number's guard and is told the number is taken.
    assert sum(isinstance(o, DuplicateNumberError) for o in outcomes) == 1
    winner = next(o for o in outcomes if isinstance(o, DualTrainingAgreement))
    assert setup.agreements.find_by_number(winner.college_bin, "DT-RACE") == winner.id

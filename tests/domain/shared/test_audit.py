"""Every event names who recorded it; there is no silent default."""


import pytest

from domain.participants.aggregates import Organisation, OrganisationKind
from domain.shared.audit import Actor, MissingActorError, Role, acting_as
from domain.shared.identifiers import BIN

COLLEGE = BIN("220940000007")


def _register() -> Organisation:
    return Organisation.register(bin=COLLEGE, name="Karaganda Polytechnic",
                                 kind=OrganisationKind.COLLEGE, region="35")


@pytest.mark.no_actor
def test_an_event_recorded_outside_an_explicit_actor_raises() -> None:
    with pytest.raises(MissingActorError):
        _register()


@pytest.mark.no_actor
def test_an_event_recorded_inside_acting_as_carries_the_actor_and_correlation_id() -> None:
    with acting_as(Actor(Role.ADMIN, "operator-1"), "req-42"):
        organisation = _register()
    (registered,) = organisation.collect_events()
    assert (registered.actor_role, registered.actor_id, registered.correlation_id) == \
        ("admin", "operator-1", "req-42")

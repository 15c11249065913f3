"""Domain tests drive aggregates directly, so each one names its actor explicitly: events
recorded outside ``acting_as`` raise (``tests/domain/shared/test_audit.py``)."""

from collections.abc import Iterator

import pytest

from domain.shared.audit import Actor, Role, acting_as

TEST_ACTOR = Actor(Role.SYSTEM, "domain-test")


@pytest.fixture(autouse=True)
def acting_in_domain_tests(request: pytest.FixtureRequest) -> Iterator[None]:
    if request.node.get_closest_marker("no_actor"):
        yield
        return
    with acting_as(TEST_ACTOR, "domain-test"):
        yield

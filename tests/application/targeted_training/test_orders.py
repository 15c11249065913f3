"""Placing and deciding targeted-training orders (rules 1 and 2), on SQLite and PostgreSQL."""

from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from application.errors import (
    ConcurrentWriteError,
    NotFoundError,
    PermissionDeniedError,
    StaleVersionError,
)
from application.security import Principal
from application.targeted_training import commands as t
from application.targeted_training.service import TargetedTraining
from domain.participants.aggregates import EnterpriseSize
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN
from domain.targeted_training import errors
from domain.targeted_training.records import OrderStatus
from infrastructure.bootstrap import bootstrap
from tests.application.agreements.fixtures import AUDITOR, OTHER_COLLEGE_BIN, REGION
from tests.application.targeted_training.helpers import (
    AGRO_BIN,
    COLLEGE,
    ENTERPRISE,
    LARGE_BIN,
    NO_OKED_BIN,
    OTHER_LARGE_BIN,
    SMALL_BIN,
    UNSIZED_BIN,
    accepted,
    register,
    submission,
    submit,
)
from tests.conftest import TODAY


def test_a_large_enterprise_places_an_order_with_a_college(system):
    order = submit(system)
    assert order.status is OrderStatus.SUBMITTED and order.version == 1
    assert (order.enterprise_size, order.enterprise_oked, order.region) == \
        (EnterpriseSize.LARGE, "24100", REGION)
    assert order.submitted_on == TODAY
    assert system.targeted_training.find_by_number(BIN.parse(LARGE_BIN), "TO-1") == order.id
    stored = system.targeted_training.get(AUDITOR, order.id)
    assert str(stored.academic_year) == "2024-2025"


@pytest.mark.parametrize(("enterprise", "refusal"), [
    (SMALL_BIN, errors.SmallEnterpriseError), (AGRO_BIN, errors.AgroIndustrialError),
    (UNSIZED_BIN, errors.EnterpriseSizeUnknownError), (NO_OKED_BIN, errors.OkedUnknownError)])
def test_eligibility_is_read_from_the_enterprises_record(system, enterprise, refusal):
    with pytest.raises(refusal):
        submit(system, enterprise_bin=enterprise)
    assert system.targeted_training.find_by_number(BIN.parse(enterprise), "TO-1") is None


def test_an_enterprise_places_orders_only_in_its_own_name(system):
    register(system)
    with pytest.raises(PermissionDeniedError):
        system.targeted_training.submit_order(Principal(Role.ENTERPRISE, OTHER_LARGE_BIN),
                                              submission())
    for role in (Role.COLLEGE, Role.AUDITOR, Role.ADMIN, Role.MONITOR):
        with pytest.raises(PermissionDeniedError):
            system.targeted_training.submit_order(Principal(role, None), submission())


def test_the_college_must_be_a_registered_college(system):
    register(system)
    with pytest.raises(InvalidValueError) as refused:
        system.targeted_training.submit_order(ENTERPRISE, submission(college_bin=LARGE_BIN))
    assert refused.value.field == "college_bin"


def test_an_order_number_is_taken_once_per_enterprise(system):
    submit(system)
    with pytest.raises(errors.DuplicateOrderNumberError):
        submit(system)
    other = submit(system, enterprise_bin=OTHER_LARGE_BIN)
    assert system.targeted_training.find_by_number(BIN.parse(OTHER_LARGE_BIN), "TO-1") == \
        other.id


class HeldBack(TargetedTraining):
    """A second process whose commands stop just before their one save, until released."""

    name = TargetedTraining.name
    held: tuple = ()

    def record(self, *aggregates):
        self.held = aggregates
        return None

    def release(self):
        return TargetedTraining.record(self, *self.held)


@pytest.fixture
def second_process(settings) -> Iterator[HeldBack]:
    with bootstrap(settings) as other:
        held = HeldBack(settings.app_env(TargetedTraining.name),
                        participants=other.participants)
        held.clock = lambda: TODAY
        yield held
        held.close()


def test_two_racing_orders_with_one_number_record_only_one(system, second_process):
    register(system)
    second_process.submit_order(ENTERPRISE, submission())
    winner = submit(system)
    with pytest.raises(ConcurrentWriteError):
        second_process.release()
    assert second_process.find_by_number(BIN.parse(LARGE_BIN), "TO-1") == winner.id
    assert not second_process.exists(second_process.held[0].id)


def test_the_college_accepts_with_the_state_order_reference(system):
    order = accepted(system)
    assert order.status is OrderStatus.ACCEPTED
    assert order.state_order_reference == "GOZ-2024/35-117"


def test_the_college_rejects_with_a_reason(system):
    order = submit(system)
    done = system.targeted_training.reject(COLLEGE, t.RejectOrder(order.id, "no places"))
    assert done.aggregate.status is OrderStatus.REJECTED
    with pytest.raises(errors.OrderDecidedError):
        system.targeted_training.accept(COLLEGE, t.AcceptOrder(order.id, "GOZ-1"))


def test_only_the_orders_college_decides_it(system):
    order = submit(system)
    with pytest.raises(PermissionDeniedError):
        system.targeted_training.accept(ENTERPRISE, t.AcceptOrder(order.id, "GOZ-1"))
    with pytest.raises(NotFoundError):
        system.targeted_training.accept(Principal(Role.COLLEGE, OTHER_COLLEGE_BIN),
                                        t.AcceptOrder(order.id, "GOZ-1"))


def test_a_stale_version_is_refused(system):
    order = submit(system)
    with pytest.raises(StaleVersionError):
        system.targeted_training.accept(COLLEGE, t.AcceptOrder(order.id, "GOZ-1",
                                                               expected_version=2))
    with pytest.raises(NotFoundError):  # an outsider learns nothing, not even staleness
        system.targeted_training.accept(Principal(Role.COLLEGE, OTHER_COLLEGE_BIN),
                                        t.AcceptOrder(order.id, "GOZ-1", expected_version=2))


def test_the_parties_and_auditors_read_an_order_and_others_do_not(system):
    order = submit(system)
    for reader in (COLLEGE, ENTERPRISE, AUDITOR):
        assert system.targeted_training.get(reader, order.id).number == "TO-1"
    for outsider in (Principal(Role.COLLEGE, OTHER_COLLEGE_BIN),
                     Principal(Role.ENTERPRISE, OTHER_LARGE_BIN)):
        with pytest.raises(NotFoundError):
            system.targeted_training.get(outsider, order.id)
        with pytest.raises(NotFoundError):
            system.targeted_training.history(outsider, order.id)
    for role in (Role.TRAINEE, Role.MENTOR, Role.MONITOR, Role.ADMIN):
        with pytest.raises(PermissionDeniedError):
            system.targeted_training.get(Principal(role, None), order.id)
    with pytest.raises(NotFoundError):
        system.targeted_training.get(AUDITOR, uuid4())


def test_an_order_reads_as_it_was_at_a_version_or_a_moment(system):
    order = submit(system)
    before = datetime.now(UTC)
    system.targeted_training.accept(COLLEGE, t.AcceptOrder(order.id, "GOZ-1"))
    app = system.targeted_training
    assert app.get(AUDITOR, order.id).status is OrderStatus.ACCEPTED
    assert app.get(AUDITOR, order.id, version=1).status is OrderStatus.SUBMITTED
    assert app.get(AUDITOR, order.id, as_of=before).status is OrderStatus.SUBMITTED
    history = app.history(AUDITOR, order.id)
    assert [type(e).__name__ for e in history] == ["Submitted", "Accepted"]
    assert [(e.actor_role, e.actor_id) for e in history] == \
        [("enterprise", LARGE_BIN), ("college", COLLEGE.subject)]

"""Mentor service contracts: concluding one, and who may read it (on SQLite and PostgreSQL)."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from application.errors import ConcurrentWriteError, NotFoundError, PermissionDeniedError
from application.mentor_payments.commands import ConcludeContract
from application.mentor_payments.service import MentorPayments
from application.security import Principal
from domain.mentor_payments.errors import DuplicateContractNumberError
from domain.mentor_payments.records import RateType
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from domain.shared.identifiers import BIN, IIN
from domain.shared.money import Money
from infrastructure.bootstrap import bootstrap
from tests.application.agreements.fixtures import (
    AUDITOR,
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    OTHER_MENTOR_IIN,
    REGION,
    new_trainee_iin,
    register_mentor,
    register_organisations,
)
from tests.conftest import TODAY

COLLEGE = Principal(Role.COLLEGE, COLLEGE_BIN)
MENTOR = Principal(Role.MENTOR, MENTOR_IIN)
TERMS = {"term": DatePeriod(date(2026, 9, 1), date(2027, 6, 30)), "rate_type": RateType.HOURLY,
         "rate": Money.of("2500.00"), "ceiling": Money.of("500000.00")}


def conclusion(*, number: str = "MS-1", college_bin: str = COLLEGE_BIN,
               mentor_iin: str = MENTOR_IIN, enterprise_bin: str = ENTERPRISE_BIN,
               **terms: object) -> ConcludeContract:
    """The command for a contract of ``college_bin`` with ``mentor_iin`` (2500/hour)."""
    return ConcludeContract(number=number, college_bin=BIN.parse(college_bin),
                            mentor_iin=IIN.parse(mentor_iin),
                            enterprise_bin=BIN.parse(enterprise_bin), **{**TERMS, **terms})


def conclude(system, *, number: str = "MS-1", college_bin: str = COLLEGE_BIN,
             mentor_iin: str = MENTOR_IIN, payments: MentorPayments | None = None, **terms):
    """A contract of ``college_bin`` with ``mentor_iin`` of ENTERPRISE_BIN (2500/hour)."""
    register_organisations(system, college_bin=college_bin)
    register_mentor(system, iin=mentor_iin)
    return (payments or system.payments).conclude_contract(
        Principal(Role.COLLEGE, college_bin),
        conclusion(number=number, college_bin=college_bin, mentor_iin=mentor_iin,
                   **terms)).aggregate


class HeldBackPayments(MentorPayments):
    """A second process whose commands stop just before their one save, until released."""

    name = MentorPayments.name  # the library would otherwise name its tables after the class
    held: tuple = ()

    def record(self, *aggregates):
        self.held = aggregates
        return None

    def release(self):
        return MentorPayments.record(self, *self.held)


@pytest.fixture
def second_process(settings) -> Iterator[HeldBackPayments]:
    """Another process on the same store, whose payments hold back their saves."""
    with bootstrap(settings) as other:
        other.pin_today(lambda: TODAY)
        payments = HeldBackPayments(settings.app_env(MentorPayments.name),
                                    participants=other.participants,
                                    agreements=other.agreements)
        payments.clock = lambda: TODAY
        yield payments
        payments.close()


def test_a_college_concludes_a_contract_with_a_mentor_of_a_registered_enterprise(system) -> None:
    contract = conclude(system)
    assert (contract.number, contract.college_bin.value, contract.mentor_iin.value,
            contract.enterprise_bin.value) == ("MS-1", COLLEGE_BIN, MENTOR_IIN, ENTERPRISE_BIN)
    assert (contract.start_date, contract.end_date) == (date(2026, 9, 1), date(2027, 6, 30))
    assert contract.rate_type is RateType.HOURLY and contract.rate == Money.of("2500")
    assert contract.ceiling == Money.of("500000") and contract.version == 1
    assert system.payments.find_by_number(BIN.parse(COLLEGE_BIN), "MS-1") == contract.id


def test_a_college_concludes_contracts_only_in_its_own_name(system) -> None:
    register_organisations(system)
    register_mentor(system)
    with pytest.raises(PermissionDeniedError):
        system.payments.conclude_contract(Principal(Role.COLLEGE, OTHER_COLLEGE_BIN),
                                          conclusion())
    for role, subject in ((Role.ENTERPRISE, ENTERPRISE_BIN), (Role.MENTOR, MENTOR_IIN),
                          (Role.AUDITOR, None)):
        with pytest.raises(PermissionDeniedError):
            system.payments.conclude_contract(Principal(role, subject), conclusion())


def test_the_contract_parties_must_be_a_registered_college_and_enterprise(system) -> None:
    register_organisations(system)
    register_mentor(system)
    for field, values in (("college_bin", {"college_bin": ENTERPRISE_BIN}),
                          ("enterprise_bin", {"enterprise_bin": OTHER_ENTERPRISE_BIN})):
        college = Principal(Role.COLLEGE, values.get("college_bin", COLLEGE_BIN))
        with pytest.raises(InvalidValueError) as error:
            system.payments.conclude_contract(college, conclusion(**values))
        assert error.value.field == field


def test_the_mentor_must_be_registered_at_the_contracts_enterprise(system) -> None:
    register_organisations(system)
    with pytest.raises(InvalidValueError, match="not a registered mentor") as error:
        system.payments.conclude_contract(COLLEGE, conclusion(mentor_iin=OTHER_MENTOR_IIN))
    assert error.value.field == "mentor_iin"


def test_a_contract_number_is_taken_once_per_college(system) -> None:
    conclude(system)
    with pytest.raises(DuplicateContractNumberError):
        conclude(system, number="MS-1")
    other = conclude(system, college_bin=OTHER_COLLEGE_BIN)
    assert system.payments.find_by_number(BIN.parse(OTHER_COLLEGE_BIN), "MS-1") == other.id


def test_two_racing_contracts_with_one_number_record_only_one(system, second_process) -> None:
    second = second_process
    conclude(system, payments=second)
    winner = conclude(system)
    with pytest.raises(ConcurrentWriteError):
        second.release()
    assert second.find_by_number(BIN.parse(COLLEGE_BIN), "MS-1") == winner.id
    assert not second.exists(second.held[0].id)


def test_the_college_the_mentor_and_auditors_read_a_contract(system) -> None:
    contract = conclude(system)
    for reader in (COLLEGE, MENTOR, AUDITOR):
        assert system.payments.get(reader, contract.id).number == "MS-1"


def test_roles_that_are_never_party_to_a_contract_may_not_read_one(system) -> None:
    contract = conclude(system)
    for outsider in (Principal(Role.ENTERPRISE, ENTERPRISE_BIN),
                     Principal(Role.TRAINEE, new_trainee_iin()), Principal(Role.ADMIN)):
        with pytest.raises(PermissionDeniedError):
            system.payments.get(outsider, contract.id)


def test_other_parties_do_not_learn_that_a_contract_exists(system) -> None:
    contract = conclude(system)
    for outsider in (Principal(Role.COLLEGE, OTHER_COLLEGE_BIN),
                     Principal(Role.MENTOR, OTHER_MENTOR_IIN)):
        with pytest.raises(NotFoundError):
            system.payments.get(outsider, contract.id)
        with pytest.raises(NotFoundError):
            system.payments.history(outsider, contract.id)
    with pytest.raises(NotFoundError):
        system.payments.get(AUDITOR, uuid4())


def test_monitors_may_not_read_contracts(system) -> None:
    contract = conclude(system)
    with pytest.raises(PermissionDeniedError):
        system.payments.get(Principal(Role.MONITOR, REGION), contract.id)


def test_a_contract_reads_as_it_was_at_a_version_or_a_moment(system) -> None:
    from tests.application.mentor_payments.test_acts import submit_act

    contract = conclude(system)
    before = datetime.now(UTC)
    submit_act(system, contract)
    assert len(system.payments.get(AUDITOR, contract.id).acts) == 1
    assert system.payments.get(AUDITOR, contract.id, version=1).acts == []
    assert system.payments.get(AUDITOR, contract.id, as_of=before).acts == []
    with pytest.raises(NotFoundError):
        system.payments.get(AUDITOR, contract.id, version=3)


def test_the_history_lists_every_event_with_its_actor(system) -> None:
    from tests.application.mentor_payments.test_acts import submit_act

    contract = conclude(system)
    submit_act(system, contract)
    history = system.payments.history(AUDITOR, contract.id)
    assert [type(e).__name__ for e in history] == ["Concluded", "ActSubmitted"]
    assert [(e.actor_role, e.actor_id) for e in history] == \
        [("college", COLLEGE_BIN), ("mentor", MENTOR_IIN)]
    assert history[1].__class__.TOPIC == \
        "dualtrack:mentor_payments.MentorServiceContract.ActSubmitted"

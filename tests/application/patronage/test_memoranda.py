"""The Patronage application: who may draft, sign, record and read, and the rules that
need other aggregates (the enterprise's size, one in force per pair, the number)."""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from application.errors import (
    ConcurrentWriteError,
    NotFoundError,
    PermissionDeniedError,
    StaleVersionError,
)
from application.patronage import commands as c
from application.security import Principal
from domain.participants.errors import UnknownOrganisationError
from domain.patronage import errors
from domain.patronage.records import CommitmentKind, MemorandumStatus, Signatory
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN
from domain.shared.money import Money
from tests.application.patronage.fixtures import (
    ADMIN,
    AUDITOR,
    COLLEGE,
    ENTERPRISE,
    ENTERPRISE_BIN,
    MEDIUM_BIN,
    OTHER_COLLEGE,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE,
    UNSIZED_BIN,
    draft,
    drafting,
    in_force,
    register_organisations,
    second_process,  # noqa: F401 - a fixture
)

NEXT_TERM = DatePeriod(date(2029, 1, 1), date(2030, 12, 31))


def test_a_large_enterprise_drafts_a_memorandum_with_a_college(system) -> None:
    memorandum = draft(system)
    assert (memorandum.number, memorandum.status) == ("PM-1", MemorandumStatus.DRAFT)
    assert memorandum.region == "35"  # the college's
    assert system.patronage.find_by_number(BIN.parse(ENTERPRISE_BIN), "PM-1") == memorandum.id


@pytest.mark.parametrize("enterprise", [MEDIUM_BIN, UNSIZED_BIN])
def test_only_a_large_enterprise_may_draft_one(system, enterprise: str) -> None:
    with pytest.raises(errors.NotLargeEnterpriseError):
        draft(system, enterprise_bin=enterprise)


def test_the_college_must_be_a_registered_college(system) -> None:
    with pytest.raises(UnknownOrganisationError) as error:
        draft(system, college_bin=MEDIUM_BIN)
    assert error.value.field == "college_bin"


def test_an_enterprise_drafts_only_in_its_own_name_and_no_other_role_drafts(system) -> None:
    register_organisations(system)
    for outsider in (OTHER_ENTERPRISE, COLLEGE, AUDITOR, ADMIN):
        with pytest.raises(PermissionDeniedError):
            system.patronage.draft(outsider, drafting())


def test_a_number_is_taken_once_per_enterprise(system) -> None:
    draft(system)
    with pytest.raises(errors.DuplicateMemorandumNumberError):
        draft(system, college_bin=OTHER_COLLEGE_BIN)


def test_two_racing_drafts_with_one_number_record_one(system, second_process) -> None:  # noqa: F811
    register_organisations(system)
    second_process.draft(ENTERPRISE, drafting())
    winner = draft(system)
    with pytest.raises(ConcurrentWriteError):
        second_process.release()
    assert system.patronage.find_by_number(BIN.parse(ENTERPRISE_BIN), "PM-1") == winner.id


def test_each_party_signs_for_itself_and_both_put_it_in_force(system) -> None:
    memorandum = draft(system)
    with pytest.raises(PermissionDeniedError):
        system.patronage.sign(COLLEGE, c.SignMemorandum(memorandum.id, Signatory.ENTERPRISE))
    system.patronage.sign(COLLEGE, c.SignMemorandum(memorandum.id, Signatory.COLLEGE))
    done = system.patronage.sign(ENTERPRISE, c.SignMemorandum(memorandum.id,
                                                              Signatory.ENTERPRISE))
    assert done.aggregate.status is MemorandumStatus.IN_FORCE
    assert done.aggregate.in_force_from == date(2026, 11, 23)


def test_a_second_memorandum_of_the_pair_does_not_enter_into_force_alongside(system) -> None:
    first = in_force(system)
    with pytest.raises(errors.MemorandumInForceError, match=first.number):
        in_force(system, number="PM-2")
    later = in_force(system, number="PM-3", term=NEXT_TERM)
    assert later.status is MemorandumStatus.IN_FORCE


def test_after_a_termination_the_pair_may_sign_a_new_one(system) -> None:
    first = in_force(system)
    system.patronage.terminate(COLLEGE, c.TerminateMemorandum(first.id, date(2026, 11, 23),
                                                              "Reorganisation"))
    # In force up to and including the termination day; the next one from the day after.
    with pytest.raises(errors.MemorandumInForceError):
        in_force(system, number="PM-2")
    renewed = in_force(system, number="PM-3",
                       term=DatePeriod(date(2026, 11, 24), date(2029, 11, 23)))
    assert renewed.status is MemorandumStatus.IN_FORCE


def test_two_memoranda_of_one_pair_entering_into_force_at_once_record_one(
        system, second_process) -> None:  # noqa: F811
    first, second = draft(system), draft(system, number="PM-2")
    for memorandum in (first, second):
        system.patronage.sign(ENTERPRISE, c.SignMemorandum(memorandum.id, Signatory.ENTERPRISE))
    second_process.sign(COLLEGE, c.SignMemorandum(second.id, Signatory.COLLEGE))
    system.patronage.sign(COLLEGE, c.SignMemorandum(first.id, Signatory.COLLEGE))
    with pytest.raises(ConcurrentWriteError):
        second_process.release()
    assert system.patronage.get(COLLEGE, second.id).status is MemorandumStatus.DRAFT


def test_the_enterprise_records_what_it_delivers(system) -> None:
    memorandum = in_force(system)
    m = memorandum.id
    system.patronage.record_fulfilment(ENTERPRISE, c.RecordFulfilment(
        m, CommitmentKind.PRACTICE_PLACES, 12, date(2026, 11, 23), "Order No. 12"))
    system.patronage.record_material_aid(ENTERPRISE, c.RecordMaterialAid(
        m, Money.of("1500000"), date(2026, 11, 23), "CNC lathe"))
    done = system.patronage.record_programme(ENTERPRISE, c.RecordProgramme(
        m, "Welding technology", "07150200", date(2026, 11, 23)))
    assert done.aggregate.material_aid_total.amount == Decimal("1500000.00")
    assert len(done.aggregate.fulfilments) == len(done.aggregate.programmes) == 1
    with pytest.raises(PermissionDeniedError):
        system.patronage.record_material_aid(COLLEGE, c.RecordMaterialAid(
            m, Money.of("1"), date(2026, 11, 23), "x"))


def test_a_stale_version_is_refused(system) -> None:
    memorandum = in_force(system)
    with pytest.raises(StaleVersionError):
        system.patronage.record_programme(ENTERPRISE, c.RecordProgramme(
            memorandum.id, "Welding", "07150200", date(2026, 11, 23), expected_version=1))


def test_parties_and_auditors_read_it_others_do_not_learn_it_exists(system) -> None:
    memorandum = in_force(system)
    for reader in (ENTERPRISE, COLLEGE, AUDITOR):
        assert system.patronage.get(reader, memorandum.id).number == "PM-1"
    for outsider in (OTHER_ENTERPRISE, OTHER_COLLEGE):
        with pytest.raises(NotFoundError):
            system.patronage.get(outsider, memorandum.id)
        with pytest.raises(NotFoundError):
            system.patronage.terminate(outsider, c.TerminateMemorandum(
                memorandum.id, date(2026, 11, 23), "x"))
    for role in (Role.MONITOR, Role.ADMIN, Role.TRAINEE):
        with pytest.raises(PermissionDeniedError):
            system.patronage.get(Principal(role), memorandum.id)
    with pytest.raises(NotFoundError):
        system.patronage.get(AUDITOR, uuid4())


def test_state_at_a_version_and_history(system) -> None:
    memorandum = in_force(system)
    assert system.patronage.get(AUDITOR, memorandum.id, version=1).status is \
        MemorandumStatus.DRAFT
    history = system.patronage.history(COLLEGE, memorandum.id)
    assert [type(e).__name__ for e in history] == ["Drafted", "Signed", "Signed"]
    assert history[2].actor_role == "college"


def test_termination_records_the_party_that_ended_it(system) -> None:
    memorandum = in_force(system)
    done = system.patronage.terminate(ENTERPRISE, c.TerminateMemorandum(
        memorandum.id, date(2026, 11, 23), "Liquidation"))
    assert done.aggregate.termination.party is Signatory.ENTERPRISE
    assert done.aggregate.status is MemorandumStatus.TERMINATED

"""PatronageMemorandum: drafting, signatures, deliveries and termination (rules 2 and 3)."""

from datetime import date
from decimal import Decimal

import pytest

from domain.patronage import errors
from domain.patronage.memorandum import PatronageMemorandum
from domain.patronage.records import (
    Commitment,
    CommitmentKind,
    MemorandumStatus,
    Sections,
    Signatory,
)
from domain.shared.calendar import DatePeriod
from domain.shared.errors import InvalidValueError
from domain.shared.money import Money
from tests.domain.patronage.builders import SIGNED_ON, TODAY, a_memorandum, in_force, sections


def test_a_drafted_memorandum_keeps_its_parties_term_sections_and_commitments() -> None:
    memorandum = a_memorandum()
    assert memorandum.status is MemorandumStatus.DRAFT
    assert (memorandum.valid_from, memorandum.valid_to) == (date(2026, 1, 1), date(2028, 12, 31))
    assert memorandum.sections.term == "Three years"
    assert memorandum.committed_kinds == {CommitmentKind.PRACTICE_PLACES, CommitmentKind.EQUIPMENT}


@pytest.mark.parametrize("section", ["subject_and_principles", "implementation", "obligations",
                                     "term", "responsibility"])
def test_every_section_is_required(section: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        sections(**{section: "  "})
    assert (error.value.field, error.value.rule) == (f"sections.{section}", "required")


def test_a_missing_section_is_refused_too() -> None:
    with pytest.raises(InvalidValueError) as error:
        Sections.of(subject_and_principles="a", implementation="b", obligations="c", term="d")
    assert error.value.field == "sections.responsibility"


def test_a_memorandum_commits_to_something() -> None:
    with pytest.raises(InvalidValueError) as error:
        a_memorandum(commitments=[])
    assert (error.value.field, error.value.rule) == ("commitments", "required")


def test_a_kind_is_committed_once() -> None:
    twice = [Commitment(CommitmentKind.EQUIPMENT), Commitment(CommitmentKind.EQUIPMENT, 3)]
    with pytest.raises(errors.DuplicateCommitmentError) as error:
        a_memorandum(commitments=twice)
    assert error.value.field == "commitments.1.kind"


def test_a_target_is_a_positive_number() -> None:
    with pytest.raises(InvalidValueError) as error:
        a_memorandum(commitments=[Commitment(CommitmentKind.BOARD_SEATS, 0)])
    assert (error.value.field, error.value.rule) == ("commitments.0.target", "range")


# Signatures --------------------------------------------------------------------------

def test_one_signature_leaves_it_a_draft_and_both_put_it_in_force() -> None:
    memorandum = a_memorandum()
    assert memorandum.sign(Signatory.ENTERPRISE, SIGNED_ON) is False
    assert memorandum.status is MemorandumStatus.DRAFT
    assert memorandum.sign(Signatory.COLLEGE, date(2026, 2, 12)) is True
    assert memorandum.status is MemorandumStatus.IN_FORCE
    assert memorandum.in_force_from == date(2026, 2, 12)


def test_signed_before_its_term_it_is_in_force_from_valid_from() -> None:
    memorandum = in_force(term=DatePeriod(date(2026, 3, 1), date(2027, 2, 28)))
    assert memorandum.in_force_from == date(2026, 3, 1)


def test_a_party_signs_once() -> None:
    memorandum = a_memorandum()
    memorandum.sign(Signatory.ENTERPRISE, SIGNED_ON)
    with pytest.raises(errors.AlreadySignedError):
        memorandum.sign(Signatory.ENTERPRISE, SIGNED_ON)


def test_a_memorandum_in_force_is_not_signed_again() -> None:
    with pytest.raises(errors.NotDraftError):
        in_force().sign(Signatory.COLLEGE, SIGNED_ON)


def test_a_draft_whose_term_is_over_cannot_enter_into_force() -> None:
    memorandum = a_memorandum(term=DatePeriod(date(2025, 1, 1), date(2025, 12, 31)))
    with pytest.raises(errors.TermEndedError):
        memorandum.sign(Signatory.ENTERPRISE, date(2026, 1, 1))


def test_after_valid_to_a_memorandum_in_force_reads_as_expired() -> None:
    memorandum = in_force()
    assert memorandum.status_on(date(2028, 12, 31)) is MemorandumStatus.IN_FORCE
    assert memorandum.status_on(date(2029, 1, 1)) is MemorandumStatus.EXPIRED


# Deliveries ------------------------------------------------------------------------

def test_fulfilments_aid_and_programmes_are_recorded_while_in_force() -> None:
    memorandum = in_force()
    memorandum.record_fulfilment(kind=CommitmentKind.PRACTICE_PLACES, quantity=12,
                                 on=date(2026, 9, 1), evidence="Order 12", today=TODAY)
    memorandum.record_material_aid(amount=Money.of("1500000"), on=date(2026, 10, 1),
                                   description="CNC lathe", today=TODAY)
    memorandum.record_material_aid(amount=Money.of("250000.50"), on=date(2026, 10, 2),
                                   description="Tools", today=TODAY)
    memorandum.record_programme(title="Welding", specialty_code="07150200",
                                on=date(2026, 6, 1), today=TODAY)
    assert memorandum.fulfilments[0].quantity == 12
    assert memorandum.material_aid_total.amount == Decimal("1750000.50")
    assert memorandum.programmes[0].title == "Welding"


def test_nothing_is_delivered_under_a_draft() -> None:
    memorandum = a_memorandum()
    memorandum.sign(Signatory.ENTERPRISE, SIGNED_ON)
    with pytest.raises(errors.NotInForceError):
        memorandum.record_material_aid(amount=Money.of("100"), on=SIGNED_ON,
                                       description="Books", today=TODAY)


def test_a_fulfilment_is_of_a_committed_kind() -> None:
    with pytest.raises(errors.KindNotCommittedError):
        in_force().record_fulfilment(kind=CommitmentKind.BOARD_SEATS, quantity=1,
                                     on=date(2026, 9, 1), evidence="Minutes", today=TODAY)


def test_a_fulfilment_has_a_positive_quantity() -> None:
    with pytest.raises(InvalidValueError) as error:
        in_force().record_fulfilment(kind=CommitmentKind.EQUIPMENT, quantity=0,
                                     on=date(2026, 9, 1), evidence="Act", today=TODAY)
    assert (error.value.field, error.value.rule) == ("quantity", "range")


def test_a_delivery_is_not_dated_in_the_future() -> None:
    with pytest.raises(errors.FutureDateError) as error:
        in_force().record_programme(title="Welding", specialty_code="07150200",
                                    on=date(2026, 11, 24), today=TODAY)
    assert error.value.field == "date"


def test_a_delivery_is_dated_while_the_memorandum_is_in_force() -> None:
    with pytest.raises(errors.OutsideInForceError):
        in_force().record_material_aid(amount=Money.of("100"), on=date(2026, 2, 9),
                                       description="Before signing", today=TODAY)


def test_material_aid_is_a_positive_amount() -> None:
    with pytest.raises(InvalidValueError) as error:
        in_force().record_material_aid(amount=Money.zero(), on=date(2026, 9, 1),
                                       description="Nothing", today=TODAY)
    assert error.value.rule == "positive"


# Termination ---------------------------------------------------------------------

def test_a_termination_ends_it_and_nothing_is_recorded_afterwards() -> None:
    memorandum = in_force()
    memorandum.terminate(on=date(2026, 10, 31), reason="Reorganisation",
                         party=Signatory.COLLEGE, today=TODAY)
    assert memorandum.status_on(TODAY) is MemorandumStatus.TERMINATED
    assert memorandum.in_force_span == DatePeriod(SIGNED_ON, date(2026, 10, 31))
    with pytest.raises(errors.NotInForceError):
        memorandum.record_programme(title="Late", specialty_code="07150200",
                                    on=date(2026, 10, 1), today=TODAY)


def test_a_draft_is_not_terminated() -> None:
    with pytest.raises(errors.NotInForceError):
        a_memorandum().terminate(on=TODAY, reason="x", party=Signatory.ENTERPRISE, today=TODAY)


def test_a_termination_is_dated_while_in_force() -> None:
    with pytest.raises(errors.OutsideInForceError):
        in_force().terminate(on=date(2026, 1, 5), reason="x", party=Signatory.ENTERPRISE,
                             today=TODAY)


def test_an_expired_memorandum_is_not_terminated() -> None:
    memorandum = in_force(term=DatePeriod(date(2026, 1, 1), date(2026, 6, 30)))
    with pytest.raises(errors.NotInForceError):
        memorandum.terminate(on=date(2026, 6, 1), reason="x", party=Signatory.COLLEGE,
                             today=TODAY)


def test_the_draft_factory_is_the_one_that_checks() -> None:
    # The constructor replays stored events and never re-validates them.
    memorandum = PatronageMemorandum(number="PM-X", enterprise_bin=a_memorandum().enterprise_bin,
                                     college_bin=a_memorandum().college_bin, region="35",
                                     term=a_memorandum().term, sections=sections(),
                                     commitments=[])
    assert memorandum.commitments == ()

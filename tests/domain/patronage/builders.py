"""A memorandum as the tests need it: drafted, signed by one party or both."""

from __future__ import annotations

from datetime import date

from domain.patronage.memorandum import PatronageMemorandum
from domain.patronage.records import Commitment, CommitmentKind, Sections, Signatory
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import compose_bin

ENTERPRISE = compose_bin(2011, 6, serial=2)
COLLEGE = compose_bin(2009, 4, serial=1)
TERM = DatePeriod(date(2026, 1, 1), date(2028, 12, 31))
SIGNED_ON = date(2026, 2, 10)
TODAY = date(2026, 11, 23)


def sections(**overrides: str) -> Sections:
    texts = dict(subject_and_principles="Patronage of the college", implementation="Joint plan",
                 obligations="The enterprise provides places", term="Three years",
                 responsibility="Under the law of the Republic of Kazakhstan")
    texts.update(overrides)
    return Sections.of(**texts)


def a_memorandum(**overrides: object) -> PatronageMemorandum:
    terms: dict[str, object] = dict(
        number="PM-1", enterprise_bin=ENTERPRISE, college_bin=COLLEGE, region="35", term=TERM,
        sections=sections(), commitments=[Commitment(CommitmentKind.PRACTICE_PLACES, 20),
                                          Commitment(CommitmentKind.EQUIPMENT)])
    terms.update(overrides)
    return PatronageMemorandum.draft(**terms)  # type: ignore[arg-type]


def in_force(**overrides: object) -> PatronageMemorandum:
    memorandum = a_memorandum(**overrides)
    memorandum.sign(Signatory.ENTERPRISE, SIGNED_ON)
    memorandum.sign(Signatory.COLLEGE, SIGNED_ON)
    return memorandum

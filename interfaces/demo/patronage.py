"""The demo's patronage memoranda (seeds/003 section 10), played through Patronage.

The large enterprises take colleges under their patronage: one memorandum in force for a
year and more, with practice places, board seats, equipment, material aid and programmes;
one entered into force lately; one terminated early (and its renewal drafted); one still
awaiting the college's signature. Each story happened over past months, so the demo
acts as of each step's business day (``Patronage.clock``, as tests pin it) and then
restores today. A memorandum is keyed by (enterprise, number): a second run adds nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from application.patronage import commands as c
from application.security import Principal
from domain.patronage.records import Commitment, CommitmentKind, Sections, Signatory
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN
from domain.shared.money import Money
from infrastructure.bootstrap import Dualtrack

K = CommitmentKind
_COMMITMENTS = (Commitment(K.BOARD_SEATS, 2), Commitment(K.PRACTICE_PLACES, 40),
                Commitment(K.EQUIPMENT, 6), Commitment(K.PROGRAMME_UPDATES, 3),
                Commitment(K.TEACHER_INTERNSHIPS, 10), Commitment(K.GRADUATE_EMPLOYMENT, 25))


def _sections(enterprise: str, college: str) -> Sections:
    return Sections.of(
        subject_and_principles=f"{enterprise} takes {college} under its patronage to train "
                               "skilled workers for the industry, on the principles of "
                               "partnership and mutual benefit.",
        implementation="A joint plan for each academic year, approved by both parties by "
                       "1 September; progress reviewed each semester.",
        obligations="The enterprise provides practice places, mentors, equipment and "
                    "internships for teachers; the college adapts its programmes to the "
                    "enterprise's occupational standards.",
        term="Three years from signing; renewed by a new memorandum.",
        responsibility="The parties are responsible under the law of the Republic of "
                       "Kazakhstan; disputes are settled by negotiation.")


@dataclass
class PatronageReport:
    memoranda: Counter[str] = field(default_factory=Counter)
    aid: Money = field(default_factory=Money.zero)


class PatronageScenarios:
    def __init__(self, system: Dualtrack, today: date, names: dict[str, str]) -> None:
        self.system, self.today, self.names = system, today, names
        self.report = PatronageReport()

    def play_all(self, *, large: list[str], colleges: list[str]) -> PatronageReport:
        """``large[i]`` is the large enterprise of ``colleges[i]``'s region."""
        t = self.today
        self._story("PM-01", large[0], colleges[0], signed=t - timedelta(days=420), years=3,
                    fulfilments=[(K.BOARD_SEATS, 2, 400, "Order on the board of trustees"),
                                 (K.PRACTICE_PLACES, 25, 380, "Practice placement order"),
                                 (K.TEACHER_INTERNSHIPS, 6, 250, "Internship certificates"),
                                 (K.EQUIPMENT, 4, 120, "Transfer act No. 17")],
                    aid=[("12500000.00", 300, "CNC machining centre for the workshop"),
                         ("3200000.00", 45, "Welding simulators")],
                    programmes=[("Metallurgical production technology", "07150300", 200),
                                ("Industrial welding", "07320100", 60)])
        self._story("PM-02", large[1], colleges[1], signed=t - timedelta(days=60), years=2,
                    fulfilments=[(K.PRACTICE_PLACES, 15, 30, "Practice placement order")],
                    aid=[("850000.00", 20, "Measuring instruments for the laboratory")])
        self._story("PM-03", large[2], colleges[2], signed=t - timedelta(days=700), years=3,
                    aid=[("4100000.00", 600, "Training stand of a metro traction unit")],
                    programmes=[("Rolling stock maintenance", "07140100", 500)],
                    terminated=(200, "The enterprise's training centre is reorganised"))
        self._story("PM-04", large[2], colleges[2], signed=None, years=3,
                    valid_from=t + timedelta(days=30))
        self._story("PM-05", large[0], colleges[1], signed=None, years=3,
                    valid_from=t + timedelta(days=14), enterprise_signed=True)
        return self.report

    def _story(self, number: str, enterprise_bin: str, college_bin: str, *,
               signed: date | None, years: int, valid_from: date | None = None,
               enterprise_signed: bool = False,
               fulfilments: list[tuple[CommitmentKind, int, int, str]] | None = None,
               aid: list[tuple[str, int, str]] | None = None,
               programmes: list[tuple[str, str, int]] | None = None,
               terminated: tuple[int, str] | None = None) -> None:
        patronage = self.system.patronage
        enterprise = Principal(Role.ENTERPRISE, enterprise_bin, correlation_id="demo")
        college = Principal(Role.COLLEGE, college_bin, correlation_id="demo")
        found = patronage.find_by_number(BIN.parse(enterprise_bin), number)
        if found is not None:
            self._count(patronage.get(enterprise, found))
            return
        start = valid_from or signed or self.today
        term = DatePeriod(start, start.replace(year=start.year + years) - timedelta(days=1))
        clock = patronage.clock
        try:
            self._on(signed or self.today)
            memorandum = patronage.draft(enterprise, c.DraftMemorandum(
                number=number, enterprise_bin=BIN.parse(enterprise_bin),
                college_bin=BIN.parse(college_bin), term=term,
                sections=_sections(self.names[enterprise_bin], self.names[college_bin]),
                commitments=_COMMITMENTS)).aggregate
            m = memorandum.id
            if signed is not None or enterprise_signed:
                patronage.sign(enterprise, c.SignMemorandum(m, Signatory.ENTERPRISE))
            if signed is not None:
                patronage.sign(college, c.SignMemorandum(m, Signatory.COLLEGE))
            for kind, quantity, ago, evidence in fulfilments or []:
                day = self._on(self.today - timedelta(days=ago))
                patronage.record_fulfilment(enterprise, c.RecordFulfilment(
                    m, kind, quantity, day, evidence))
            for amount, ago, what in aid or []:
                day = self._on(self.today - timedelta(days=ago))
                patronage.record_material_aid(enterprise, c.RecordMaterialAid(
                    m, Money.of(amount), day, what))
            for title, specialty, ago in programmes or []:
                day = self._on(self.today - timedelta(days=ago))
                patronage.record_programme(enterprise, c.RecordProgramme(
                    m, title, specialty, day))
            if terminated is not None:
                day = self._on(self.today - timedelta(days=terminated[0]))
                patronage.terminate(college, c.TerminateMemorandum(m, day, terminated[1]))
        finally:
            patronage.clock = clock
        self._count(patronage.get(enterprise, m))

    def _on(self, day: date) -> date:
        """Act as of ``day`` (each step is recorded on the business day it happened)."""
        self.system.patronage.clock = lambda: day
        return day

    def _count(self, memorandum: object) -> None:
        status = memorandum.status_on(self.today)  # type: ignore[attr-defined]
        self.report.memoranda[status.value] += 1
        self.report.aid = self.report.aid + memorandum.material_aid_total  # type: ignore[attr-defined]

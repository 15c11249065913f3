"""The patronage view and its monitoring figures: built by the batched projections, counted
by year, rebuilt and verified like every view, holding no personal data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from application.errors import PermissionDeniedError
from application.patronage import commands as c
from application.projections.schema import PATRONAGE_MEMORANDA
from application.security import Principal
from domain.patronage.records import CommitmentKind
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.money import Money
from tests.application.patronage.fixtures import (
    COLLEGE,
    COLLEGE_BIN,
    ENTERPRISE,
    ENTERPRISE_BIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    draft,
    in_force,
)

AUDITOR = Principal(Role.AUDITOR)


@pytest.fixture
def projections(system) -> Iterator:
    opened = system.open_projections(batch_size=3)
    try:
        yield opened
    finally:
        opened.close()


def sample(system) -> None:
    """In force since 2026 with deliveries in 2026; a terminated one with the other college
    (region 55); another enterprise's draft, which counts nowhere."""
    first = in_force(system)
    p = system.patronage
    p.record_fulfilment(ENTERPRISE, c.RecordFulfilment(
        first.id, CommitmentKind.PRACTICE_PLACES, 12, date(2026, 11, 23), "Order No. 12"))
    p.record_fulfilment(ENTERPRISE, c.RecordFulfilment(
        first.id, CommitmentKind.EQUIPMENT, 3, date(2026, 11, 23), "Act No. 4"))
    p.record_material_aid(ENTERPRISE, c.RecordMaterialAid(
        first.id, Money.of("1500000"), date(2026, 11, 23), "CNC lathe"))
    p.record_programme(ENTERPRISE, c.RecordProgramme(
        first.id, "Welding technology", "07150200", date(2026, 11, 23)))
    other = in_force(system, number="PM-2", college_bin=OTHER_COLLEGE_BIN,
                     term=DatePeriod(date(2025, 1, 1), date(2027, 12, 31)))
    p.record_material_aid(ENTERPRISE, c.RecordMaterialAid(
        other.id, Money.of("250000.50"), date(2026, 11, 23), "Tools"))
    p.terminate(ENTERPRISE, c.TerminateMemorandum(other.id, date(2026, 11, 23), "Closed"))
    draft(system, number="PM-X", enterprise_bin=OTHER_ENTERPRISE_BIN)


def test_figures_by_region_and_year(system, projections) -> None:
    sample(system)
    projections.catch_up()
    rows = {(f.group, f.year): f for f in projections.monitoring_patronage(AUDITOR, "region")}
    karaganda = rows[("35", 2026)]
    assert (karaganda.patron_enterprises, karaganda.memoranda_in_force) == (1, 1)
    assert (karaganda.programmes_developed, karaganda.commitments_fulfilled,
            karaganda.fulfilled_quantity) == (1, 2, 15)
    assert karaganda.material_aid == Decimal("1500000.00")
    pavlodar = rows[("55", 2026)]
    assert (pavlodar.memoranda_in_force, pavlodar.material_aid) == (1, Decimal("250000.50"))
    # In force from its signing (2026-11-23), so not in 2025; terminated, so not in 2027.
    assert set(rows) == {("35", 2026), ("35", 2027), ("35", 2028), ("55", 2026)}
    assert rows[("35", 2028)].material_aid == Decimal("0.00")


def test_figures_by_enterprise_college_year_and_region(system, projections) -> None:
    sample(system)
    projections.catch_up()
    by_enterprise = projections.monitoring_patronage(AUDITOR, "enterprise", year=2026)
    assert [(f.group, f.patron_enterprises, f.memoranda_in_force) for f in by_enterprise] == \
        [(ENTERPRISE_BIN, 1, 2)]
    by_college = projections.monitoring_patronage(AUDITOR, "college", year=2026, region="35")
    assert [f.group for f in by_college] == [COLLEGE_BIN]


def test_a_regional_monitor_sees_its_region_and_no_other_role_sees_figures(
        system, projections) -> None:
    sample(system)
    projections.catch_up()
    regional = Principal(Role.MONITOR, "55")
    assert {f.group for f in projections.monitoring_patronage(regional, "region")} == {"55"}
    with pytest.raises(PermissionDeniedError):
        projections.monitoring_patronage(regional, "region", region="35")
    for outsider in (ENTERPRISE, COLLEGE):
        with pytest.raises(PermissionDeniedError):
            projections.monitoring_patronage(outsider, "region")


def test_the_view_is_rebuilt_and_verified_like_every_other(system, projections) -> None:
    sample(system)
    projections.catch_up()
    assert projections.verify() == []
    projections.rebuild()
    assert projections.verify() == []
    assert "patronage_memoranda" in {view for status in projections.status()
                                     for view in status.views}


def test_the_view_holds_organisations_only(system, projections) -> None:
    sample(system)
    projections.catch_up()
    with projections.store.reader() as reader:
        rows = list(reader.rows(PATRONAGE_MEMORANDA))
    assert {row["status"] for row in rows} == {"in_force", "terminated", "draft"}
    # No free text of the memorandum (sections, evidence, descriptions) and no person.
    text = repr(rows)
    assert "Order No. 12" not in text and "CNC lathe" not in text and "Patronage of" not in text

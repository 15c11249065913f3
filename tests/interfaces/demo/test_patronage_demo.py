"""The demo's patronage memoranda: draft, in force and terminated, with deliveries."""

from __future__ import annotations

import io
from datetime import date

from application.security import SYSTEM
from domain.patronage.memorandum import PatronageMemorandum
from interfaces import demo

TODAY = date(2026, 11, 23)


def test_the_demo_loads_memoranda_in_every_state_with_aid_fulfilments_and_programmes(
        system) -> None:
    system.pin_today(lambda: TODAY)
    out = io.StringIO()
    report = demo.run(system, out).patronage
    assert report is not None
    assert report.memoranda == {"draft": 2, "in_force": 2, "terminated": 1}
    assert "patronage memoranda: 5" in out.getvalue()
    drafted = system.patronage.recorder.select_notifications(start=1, limit=10_000)
    memoranda = [system.patronage.get(SYSTEM, n.originator_id) for n in drafted
                 if n.topic.endswith("PatronageMemorandum.Drafted")]
    assert all(isinstance(m, PatronageMemorandum) for m in memoranda)
    assert sum(len(m.fulfilments) for m in memoranda) >= 3
    assert sum(len(m.programmes) for m in memoranda) >= 2
    assert sum(m.material_aid_total.amount for m in memoranda) == report.aid.amount > 0
    # Each step is dated the day it happened, and business today is restored.
    assert min(aid.date for m in memoranda for aid in m.material_aid) < TODAY
    assert system.patronage.today() == TODAY

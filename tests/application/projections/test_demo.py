"""The monitoring figures of ``dualtrack demo``, checked against the demo's own events."""

from __future__ import annotations

import io
import json

from application.projections.schema import TABLES
from interfaces import demo
from tests.application.projections.world import (
    expected_certificates,
    expected_dual_training,
    load_facts,
    personal_data,
    shown,
)


def test_the_demos_monitoring_figures_equal_those_computed_from_its_events(system, settings):
    demo.run(system, io.StringIO())
    projections = system.open_projections()
    try:
        projections.catch_up()
        facts = load_facts(system)

        for group_by in ("region", "college", "enterprise", "specialty"):
            figures = projections.monitoring_dual_training(group_by)
            assert shown(figures) == expected_dual_training(facts, group_by), group_by
        certificates = [{k: v for k, v in f.as_dict().items()
                         if k not in ("region_name", "college_name")}
                        for f in projections.monitoring_certificates()]
        assert certificates == expected_certificates(facts)
        regions = projections.monitoring_dual_training("region")
        assert len(regions) >= 3 and sum(f.certificates_issued for f in regions) > 0
        assert sum(f.mentor_payments_reversed for f in regions) > 0

        secrets = personal_data(system, facts)
        with projections.store.reader() as reader:
            for table in TABLES:
                text = json.dumps(list(reader.rows(table)), default=str)
                assert not [s for s in secrets if s in text], table.name
        assert projections.verify() == []
    finally:
        projections.close()

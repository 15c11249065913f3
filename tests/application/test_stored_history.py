"""History written by an earlier version loads unchanged.

``tests/data/store-af242d7.tgz`` holds the SQLite stores that ``dualtrack demo`` wrote at
commit af242d7, before the code moved into one package per area: 200 agreements in
every state, mentor contracts with acts, payments and a reversal, credits and
certificates, every kind of event. Topics and transcoding names are part of that data; a
rename that orphans any of them fails here.
"""

from __future__ import annotations

import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from infrastructure.bootstrap import Dualtrack, bootstrap
from infrastructure.settings import Settings

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "store-af242d7.tgz"


@pytest.fixture
def old_system(tmp_path: Path) -> Iterator[Dualtrack]:
    data = tmp_path / "data"
    with tarfile.open(FIXTURE) as archive:
        archive.extractall(data, filter="data")
    with bootstrap(Settings.from_env({"DUALTRACK_DATA_DIR": str(data)})) as system:
        yield system


def _aggregate_ids(application) -> list:  # type: ignore[no-untyped-def]
    recorder = application.recorder
    return [notification.originator_id
            for notification in recorder.select_notifications(start=1, limit=1_000_000)
            if notification.originator_version == 1]


def _replayed(application, aggregate_id):  # type: ignore[no-untyped-def]
    """The aggregate from its events alone, without the snapshot the repository would use."""
    aggregate = None
    for stored in application.events.get(aggregate_id):
        aggregate = stored.mutate(aggregate)
    return aggregate


def test_every_aggregate_of_a_store_written_before_the_move_loads(old_system: Dualtrack) -> None:
    kinds: Counter[str] = Counter()
    for application in (old_system.participants, old_system.agreements,
                        old_system.payments, old_system.work_experience):
        for aggregate_id in _aggregate_ids(application):
            loaded = application.repository.get(aggregate_id)
            kinds[type(loaded).__name__] += 1
            assert vars(loaded) == vars(_replayed(application, aggregate_id))
    assert kinds["DualTrainingAgreement"] == 200
    assert kinds["MentorServiceContract"] == 30
    assert kinds["Organisation"] == 9
    assert kinds["WorkExperienceCredit"] > 0


def test_snapshots_of_the_old_aggregates_round_trip_through_the_transcodings(
        old_system: Dualtrack) -> None:
    """Every record type an aggregate keeps in its state has a transcoding of its own."""
    for application in (old_system.agreements, old_system.payments,
                        old_system.work_experience):
        for aggregate_id in _aggregate_ids(application):
            application.take_snapshot(aggregate_id)
            assert vars(application.repository.get(aggregate_id)) == \
                vars(_replayed(application, aggregate_id))

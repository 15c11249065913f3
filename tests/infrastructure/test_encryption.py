"""Encryption at rest binds each ciphertext to its row (``infrastructure/encryption``).

With a cipher key, events and snapshots round-trip and no plaintext is stored; a state
column moved by hand in SQL to another row (of another aggregate, or another version of
the same one) no longer decrypts: reading the aggregate fails naming the row, and
``verify`` reports both places as findings. Records in the library's older, unbound
format still read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from uuid import UUID

import pytest
from eventsourcing.cipher import AESCipher
from eventsourcing.persistence import MapperDeserialisationError
from eventsourcing.utils import Environment

from infrastructure.encryption import (
    BOUND_MARK,
    BoundAESCipher,
    MisplacedCiphertextError,
    associated_data,
)
from infrastructure.history.seals import verify
from infrastructure.settings import Settings
from tests.infrastructure.test_event_chain import Bench, Counter, Store

KEY = AESCipher.create_key(32)


class SnapshottingBench(Bench):
    name = Bench.name  # the library names a subclass after itself otherwise
    snapshotting_intervals = {Counter: 3}  # noqa: RUF012  (the library's class attribute)


@pytest.fixture
def ciphered(settings: Settings) -> Settings:
    return replace(settings, cipher_key=KEY)


@pytest.fixture
def bench(ciphered: Settings) -> Iterator[Bench]:
    app = SnapshottingBench(ciphered.app_env(Bench.name))
    try:
        yield app
    finally:
        app.close()


def _counters(bench: Bench, how_many: int = 2, versions: int = 4) -> list[UUID]:
    counters = [Counter(name=f"secret name {i}") for i in range(how_many)]
    for counter in counters:
        for step in range(versions - 1):
            counter.count_up(by=step + 1, note=f"secret note {step}")
    bench.save(*counters)
    return [counter.id for counter in counters]


def _decode_findings(bench: Bench) -> dict[tuple[UUID | None, int | None], str]:
    [(_, breaks)] = verify([bench], None, limit=None).reports
    return {(b.originator_id, b.version): str(b) for b in breaks if "does not decode" in b.problem}


def test_events_and_snapshots_round_trip_bound_and_without_plaintext(
        bench: Bench, ciphered: Settings) -> None:
    first, second = _counters(bench)

    assert bench.repository.get(first).count == 1 + 2 + 3
    assert bench.repository.get(second, version=2).count == 1
    store = Store(ciphered)
    for version in range(1, 5):
        topic, state = store.row(first, version)
        assert state.startswith(BOUND_MARK) and b"secret" not in state
    snapshots = "stored_snapshots" if store.sqlite else "tamper_bench_snapshots"
    [[(snapshot,)]] = store.run([(f"SELECT state FROM {snapshots} WHERE originator_id = %s",
                                  (store.id(first),))])
    assert bytes(snapshot).startswith(BOUND_MARK) and b"secret" not in bytes(snapshot)
    assert _decode_findings(bench) == {}


def test_states_swapped_between_two_aggregates_fail_to_read_and_verify_names_both(
        bench: Bench, ciphered: Settings) -> None:
    first, second = _counters(bench)
    store = Store(ciphered)
    store.drop_triggers()
    a, b = store.row(first, 2), store.row(second, 2)  # same topic and version: only ids differ
    store.run([store.set_row(first, 2, *b), store.set_row(second, 2, *a)])

    with pytest.raises(MapperDeserialisationError) as raised:
        bench.repository.get(first, version=2)  # past the snapshot at version 3
    assert f"originator_id '{first}'" in str(raised.value)
    assert "originator_version 2" in str(raised.value)
    assert "does not belong to this row" in str(raised.value)
    findings = _decode_findings(bench)
    assert set(findings) == {(first, 2), (second, 2)}
    assert f"event chain {Bench.name}:" in findings[(first, 2)]
    assert "does not belong to this row" in findings[(second, 2)]


def test_states_swapped_between_two_versions_of_one_aggregate_fail(
        bench: Bench, ciphered: Settings) -> None:
    [counter] = _counters(bench, how_many=1)
    store = Store(ciphered)
    store.drop_triggers()
    two, four = store.row(counter, 2), store.row(counter, 4)  # both "Counted" events
    store.run([store.set_row(counter, 2, *four), store.set_row(counter, 4, *two)])

    with pytest.raises(MapperDeserialisationError, match="originator_version 2"):
        bench.repository.get(counter, version=2)
    assert set(_decode_findings(bench)) == {(counter, 2), (counter, 4)}


def test_snapshots_swapped_between_two_aggregates_fail_to_read(
        bench: Bench, ciphered: Settings) -> None:
    first, second = _counters(bench)
    store = Store(ciphered)
    snapshots = "stored_snapshots" if store.sqlite else "tamper_bench_snapshots"
    select = f"SELECT state FROM {snapshots} WHERE originator_id = %s"
    [[(a,)], [(b,)]] = store.run([(select, (store.id(first),)), (select, (store.id(second),))])
    update = f"UPDATE {snapshots} SET state = %s WHERE originator_id = %s"
    store.run([(update, (bytes(b), store.id(first))), (update, (bytes(a), store.id(second)))])

    for originator_id in (first, second):
        with pytest.raises(MapperDeserialisationError, match="does not belong to this row"):
            bench.repository.get(originator_id)


def test_records_of_the_older_unbound_format_still_read(ciphered: Settings) -> None:
    old_env = ciphered.app_env(Bench.name)
    old_env["CIPHER_TOPIC"] = "eventsourcing.cipher:AESCipher"
    del old_env["MAPPER_TOPIC"]
    with Bench(old_env) as old:  # as written before binding
        [counter] = _counters(old, how_many=1, versions=3)
    store = Store(ciphered)
    assert not store.row(counter, 1)[1].startswith(BOUND_MARK)

    with Bench(ciphered.app_env(Bench.name)) as app:
        again = app.repository.get(counter)
        again.count_up(by=10, note="written bound")
        app.save(again)
        assert app.repository.get(counter).count == 1 + 2 + 10
        assert store.row(counter, 4)[1].startswith(BOUND_MARK)
        assert _decode_findings(app) == {}


def test_the_mark_cut_off_a_bound_record_does_not_pass_as_the_old_format() -> None:
    cipher = BoundAESCipher(Environment(env={"CIPHER_KEY": KEY}))
    here = associated_data(UUID(int=1), 2, "a:Topic")
    bound = cipher.encrypt_bound(b"{}", here)

    assert cipher.decrypt_bound(bound, here) == b"{}"
    with pytest.raises(MisplacedCiphertextError):
        cipher.decrypt_bound(bound, associated_data(UUID(int=1), 3, "a:Topic"))
    with pytest.raises(MisplacedCiphertextError):
        cipher.decrypt_bound(bound, associated_data(UUID(int=1), 2, "a:Other"))
    with pytest.raises(ValueError, match="damaged"):
        cipher.decrypt_bound(bound[len(BOUND_MARK):], here)


def test_an_old_record_whose_nonce_starts_like_the_mark_still_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    cipher = BoundAESCipher(Environment(env={"CIPHER_KEY": KEY}))
    monkeypatch.setattr(AESCipher, "random_bytes",
                        staticmethod(lambda n: (BOUND_MARK + bytes(n))[:n]))
    old = cipher.encrypt(b'{"count": 1}')
    assert old.startswith(BOUND_MARK)

    assert cipher.decrypt_bound(old, associated_data(UUID(int=5), 1, "a:Topic")) == \
        b'{"count": 1}'

"""What encryption at rest costs per record, without the database's noise.

    .venv/bin/python scripts/bench_cipher.py [--events 5000] [--rounds 5]

Fills a temporary SQLite store with about N real domain events (``bench_projections``'
agreements and mentor contracts), reads them back as domain events, then encodes each
to a stored event and decodes it again through three mappers built on the agreements'
own transcoder: none (no cipher), the library's ``AESCipher`` (pycryptodome, unbound:
the format before ``infrastructure/encryption``), and ``BoundMapper`` with
``BoundAESCipher`` (AES-GCM bound to the row, what ``DUALTRACK_CIPHER_KEY`` turns on).
Prints microseconds per record (best of ``--rounds``) and bytes per stored state.

Not a test: the figures depend on the machine. ``bench_projections.py --cipher both``
gives the same comparison end to end (fill, get, event-chain check, rebuild).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eventsourcing.cipher import AESCipher
from eventsourcing.persistence import Mapper
from eventsourcing.utils import Environment

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_projections import TODAY, fill  # noqa: E402

from infrastructure.bootstrap import bootstrap  # noqa: E402
from infrastructure.encryption import BoundAESCipher, BoundMapper  # noqa: E402
from infrastructure.settings import Settings  # noqa: E402


def _best(rounds: int, work: Any) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory, \
            bootstrap(Settings.from_env({"DUALTRACK_DATA_DIR": directory})) as system:
        system.pin_today(lambda: TODAY)
        fill(system, args.events)
        sources = (system.agreements, system.payments)
        events = [(source, source.mapper.to_domain_event(stored))
                  for source in sources
                  for stored in source.recorder.select_notifications(start=1, limit=10**9)]
    env = Environment(env={"CIPHER_KEY": AESCipher.create_key(32)})
    print(f"{len(events)} events; per record (best of {args.rounds}):")
    print(f"{'cipher':<28} {'encode (us)':>12} {'decode (us)':>12} {'state (bytes)':>14}")
    plain_encode = plain_decode = 0.0
    for name, make in (("none", lambda s: Mapper(s.mapper.transcoder)),
                       ("AESCipher (unbound)",
                        lambda s: Mapper(s.mapper.transcoder, cipher=AESCipher(env))),
                       ("BoundAESCipher (bound)",
                        lambda s: BoundMapper(s.mapper.transcoder, cipher=BoundAESCipher(env)))):
        mappers = {source.name: make(source) for source in sources}
        pairs = [(mappers[source.name], event) for source, event in events]
        stored = [(mapper, mapper.to_stored_event(event)) for mapper, event in pairs]
        encode = _best(args.rounds, lambda pairs=pairs: [m.to_stored_event(e) for m, e in pairs])
        decode = _best(args.rounds, lambda stored=stored: [m.to_domain_event(s) for m, s in stored])
        size = sum(len(s.state) for _, s in stored) / len(stored)
        per_encode, per_decode = encode / len(pairs) * 1e6, decode / len(pairs) * 1e6
        if name == "none":
            plain_encode, plain_decode = per_encode, per_decode
            extra = ""
        else:
            extra = (f"   (+{per_encode - plain_encode:.1f} / +{per_decode - plain_decode:.1f}"
                     " us over none)")
        print(f"{name:<28} {per_encode:>12.1f} {per_decode:>12.1f} {size:>14.0f}{extra}")


if __name__ == "__main__":
    main()

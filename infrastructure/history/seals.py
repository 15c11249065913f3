"""Seals: checkpoints of the event chains, kept in the ``seals`` table and outside.

A seal holds, per application, the last position and every aggregate's head (version
and recomputed hash) with a Merkle root over them. Kept outside the database (``--out``),
it lets ``audit verify --seal FILE`` find what no chain inside the store can show: an
aggregate's last events deleted, or a history before the seal rewritten with new hashes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from application.event_chain import ChainBreak, ChainReport, SealedApplication, check_chain, seal_of
from infrastructure.side_tables import SideTables

FORMAT = "dualtrack-seal/1"


class SealError(Exception):
    """A seal that cannot be read, or a store that cannot be sealed as it is."""


@dataclass(frozen=True)
class Seal:
    sealed_at: datetime
    applications: Mapping[str, SealedApplication]

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "sealed_at": self.sealed_at.isoformat(),
            "applications": {
                name: {"last_position": sealed.last_position, "root": sealed.root.hex(),
                       "aggregates": len(sealed.heads),
                       "heads": {str(originator_id): [version, value.hex()]
                                 for originator_id, (version, value)
                                 in sorted(sealed.heads.items(), key=lambda i: str(i[0]))}}
                for name, sealed in sorted(self.applications.items())}}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Seal:
        try:
            body = json.loads(text)
            if body.get("format") != FORMAT:
                raise SealError(f"not a seal of this format ({FORMAT})")
            applications = {}
            for name, part in body["applications"].items():
                sealed = SealedApplication(int(part["last_position"]), {
                    UUID(originator_id): (int(version), bytes.fromhex(value))
                    for originator_id, (version, value) in part["heads"].items()})
                if sealed.root.hex() != part["root"]:
                    raise SealError(f"the seal's heads of {name} do not give its root: the "
                                    "seal itself was changed")
                applications[name] = sealed
            return cls(datetime.fromisoformat(body["sealed_at"]), applications)
        except SealError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise SealError(f"the seal cannot be read: {error}") from None

    def summary(self) -> list[str]:
        return [f"seal {self.sealed_at.isoformat()}"] + [
            f"  {name}: last position {sealed.last_position}, {len(sealed.heads)} "
            f"aggregate(s), root {sealed.root.hex()}"
            for name, sealed in sorted(self.applications.items())]


@dataclass
class Verification:
    reports: list[tuple[ChainReport, list[ChainBreak]]] = field(default_factory=list)
    seal: Seal | None = None

    @property
    def breaks(self) -> list[ChainBreak]:
        return [chain_break for _, breaks in self.reports for chain_break in breaks]

    @property
    def verified(self) -> bool:
        return not self.breaks


def verify(applications: Iterable[Any], seal: Seal | None, *, limit: int | None = 100
           ) -> Verification:
    result = Verification(seal=seal)
    for application in applications:
        sealed = None if seal is None else seal.applications.get(application.name)
        result.reports.append(check_chain(application, limit=limit, seal=sealed))
    return result


def make_seal(applications: Iterable[Any], *, now: datetime | None = None) -> Seal:
    """A seal of the store as it is; refused while any chain is broken (it would certify
    the breaks)."""
    parts = {}
    for application in applications:
        report, breaks = check_chain(application, limit=1)
        if breaks:
            raise SealError(f"{breaks[0]}: run `dualtrack audit verify`; a broken chain is "
                            "not sealed")
        parts[application.name] = seal_of(report)
    return Seal(now or datetime.now(UTC), parts)


class SealStore:
    def __init__(self, settings: Any) -> None:
        self.tables = SideTables(settings)
        self.name = self.tables.table("seals")
        key = "BIGSERIAL" if self.tables.postgres else "INTEGER"
        if not (settings.create_tables or settings.backend == "sqlite"):
            return  # PostgreSQL: `dualtrack migrate` made it (the runtime role may not)
        with self.tables.transaction() as run:
            run(f"CREATE TABLE IF NOT EXISTS {self.name} (id {key} PRIMARY KEY, "
                "sealed_at TEXT NOT NULL, body TEXT NOT NULL)", ())

    def add(self, seal: Seal) -> None:
        with self.tables.transaction() as run:
            run(f"INSERT INTO {self.name} (sealed_at, body) VALUES (%s, %s)",
                (seal.sealed_at.isoformat(), seal.to_json()))

    def last(self) -> Seal | None:
        with self.tables.transaction() as run:
            rows = run(f"SELECT body FROM {self.name} ORDER BY id DESC LIMIT 1", ())
        return Seal.from_json(rows[0][0]) if rows else None

    def close(self) -> None:
        self.tables.close()

"""The image installs from docker/requirements.lock: it must pin every dependency that
pyproject.toml declares (regenerate it with uv pip compile after changing them)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_lock_pins_every_declared_dependency_to_one_version() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    pinned = {}
    for line in (ROOT / "docker" / "requirements.lock").read_text().splitlines():
        if line and not line.startswith((" ", "#")):
            name, _, version = line.partition("==")
            pinned[name.lower().replace("_", "-")] = version
    missing = [d for d in declared if _name(d) not in pinned]
    assert missing == [], "run: uv pip compile pyproject.toml -o docker/requirements.lock"
    assert all(version for version in pinned.values())

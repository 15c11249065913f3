"""Kazakhstan's 17 regions and 3 cities of republican significance.

Keyed by the ISO 3166-2:KZ number, which is also the first two digits of KATO.
"""

from __future__ import annotations

from domain.shared.errors import InvalidValueError

REGIONS: dict[str, str] = {
    "10": "Abai", "11": "Akmola", "15": "Aktobe", "19": "Almaty region",
    "23": "Atyrau", "27": "West Kazakhstan", "31": "Zhambyl", "33": "Jetisu",
    "35": "Karaganda", "39": "Kostanay", "43": "Kyzylorda", "47": "Mangystau",
    "55": "Pavlodar", "59": "North Kazakhstan", "61": "Turkistan", "62": "Ulytau",
    "63": "East Kazakhstan", "71": "Astana", "75": "Almaty city", "79": "Shymkent",
}


def region_code(value: object) -> str:
    """Validate a region code (``"35"``) and return it."""
    if not isinstance(value, str) or value not in REGIONS:
        raise InvalidValueError(
            f"region must be one of the 20 ISO 3166-2:KZ codes, got {value!r}",
            rule="region_code",
        )
    return value


def region_name(code: str) -> str:
    return REGIONS[region_code(code)]

"""The demo's cast: colleges, enterprises, people's names and the mix of scenarios."""

from __future__ import annotations

from typing import Any

COLLEGES: list[dict[str, Any]] = [
    {"name": "Karaganda Higher Polytechnic College", "region": "35", "league": "leader",
     "year": 2003, "month": 4, "serial": 1201},
    {"name": "Astana Polytechnic College", "region": "71", "league": "core",
     "year": 2008, "month": 9, "serial": 2210},
    {"name": "Almaty College of Communications", "region": "75", "league": "social",
     "year": 2001, "month": 2, "serial": 3305},
]

# Two enterprises per college's region, in the same order as COLLEGES.
ENTERPRISES: list[dict[str, Any]] = [
    {"name": "Qarmet Steelworks", "region": "35", "size": "large", "oked": "24.10",
     "year": 2010, "month": 6, "serial": 4101},
    {"name": "Karaganda Energocenter", "region": "35", "size": "medium", "oked": "35.11",
     "year": 2012, "month": 3, "serial": 4102},
    {"name": "Astana Energy Service", "region": "71", "size": "large", "oked": "35.12",
     "year": 2014, "month": 11, "serial": 4103},
    {"name": "Astana Build Systems", "region": "71", "size": "medium", "oked": "41.20",
     "year": 2016, "month": 8, "serial": 4104},
    {"name": "Almaty Metro Depot", "region": "75", "size": "large", "oked": "49.31",
     "year": 2009, "month": 12, "serial": 4105},
    {"name": "Alatau Telecom", "region": "75", "size": "small", "oked": "61.10",
     "year": 2018, "month": 5, "serial": 4106},
]

SPECIALTIES = [
    ("07140100", "Electrician for repair of electrical equipment"),
    ("07150300", "Machine-tool operator"),
    ("07320100", "Welder"),
    ("07130200", "Electrical fitter"),
    ("06120100", "Computer network technician"),
]

_FIRST = ["Aruzhan", "Dias", "Aigerim", "Nursultan", "Madina", "Yerlan", "Dana", "Timur",
          "Zhansaya", "Arman", "Kamila", "Alikhan", "Aisulu", "Daniyar", "Togzhan", "Bekzat"]
_LAST = ["Abenova", "Serikov", "Nurlanova", "Zhumabekov", "Omarova", "Tulegenov",
         "Sadykova", "Akhmetov", "Bekova", "Kassymov", "Ismailova", "Mukhanov"]

MENTOR_NAMES = [
    ("Bolat Sarsenbayev", "Senior electrician"), ("Gulnara Tokhtarova", "Shift foreman"),
    ("Yerzhan Kuanyshev", "Lead welder"), ("Saule Dzhaksybekova", "Process engineer"),
    ("Marat Ibrayev", "Machine-tool setter"), ("Aliya Zhunusova", "Network engineer"),
    ("Kairat Baimukhanov", "Maintenance mechanic"), ("Roza Yessenova", "Quality inspector"),
    ("Nurlan Abishev", "Electrical fitter, 6th grade"), ("Dinara Kapparova", "Dispatcher"),
]

# The mix of 200 agreements: the scenario of agreement i is _MIX[i % len(_MIX)].
_MIX = (["active"] * 9 + ["completed"] * 4 + ["suspended", "draft", "terminated",
        "cancelled"] + ["completed_due", "waiting"])


def scenario_for(index: int) -> str:
    if index == 7:
        return "completed_short"
    if index == 11:
        return "terminated_revoked"
    return _MIX[index % len(_MIX)]


def person_name(index: int) -> str:
    return f"{_FIRST[index % len(_FIRST)]} {_LAST[(index // len(_FIRST)) % len(_LAST)]}"

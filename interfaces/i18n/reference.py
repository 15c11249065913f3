"""Reference names in the chosen language, with the code beside them where a person
needs both: regions (ISO 3166-2:KZ), TVET specialties (the classifier's codes), enterprise
sizes, termination and withdrawal reasons, roles, groupings.

Regions and specialties are data files (``data/regions.csv``, ``data/specialties.csv``:
``code,en,ru,kk``); the English region names are the domain's (``domain.shared.regions``).
The short closed lists (sizes, reasons, roles) are English messages in the catalogues,
looked up by code here (``closed_name("enterprise-size", "small")``). An unknown code is shown as the code itself.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from interfaces.i18n import N_, current_locale, gettext

DATA = Path(__file__).resolve().parent / "data"

# Closed lists whose names live in the catalogues: context -> codes.
ENTERPRISE_SIZES = {"small": N_("small"), "medium": N_("medium"), "large": N_("large")}
TERMINATION_REASONS = {
    "by_agreement": N_("by agreement of the parties"), "expulsion": N_("expulsion"),
    "enterprise_liquidation": N_("liquidation of the enterprise"),
    "transfer": N_("transfer"), "trainee_request": N_("at the trainee's request"),
    "other": N_("other reason")}
WITHDRAWAL_REASONS = {"expelled": N_("expelled"), "transferred": N_("transferred"),
                      "other": N_("other reason")}
ROLES = {"college": N_("college"), "enterprise": N_("enterprise"), "trainee": N_("trainee"),
         "mentor": N_("mentor"), "monitor": N_("monitor"), "auditor": N_("auditor"),
         "admin": N_("administrator"), "system": N_("system")}
GROUPINGS = {"region": N_("Region"), "college": N_("College"),
             "enterprise": N_("Enterprise"), "specialty": N_("Specialty")}
CONTEXTS = {"enterprise-size": ENTERPRISE_SIZES, "termination-reason": TERMINATION_REASONS,
            "withdrawal-reason": WITHDRAWAL_REASONS, "role": ROLES}


@cache
def table(name: str) -> dict[str, dict[str, str]]:
    """``data/<name>.csv`` as {code: {"en": ..., "ru": ..., "kk": ...}}."""
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as source:
        return {row["code"]: {k: v for k, v in row.items() if k != "code"}
                for row in csv.DictReader(source)}


def _named(name: str, code: str, locale: str | None) -> str:
    names = table(name).get(code)
    return names[locale or current_locale()] if names else code


def region_name(code: str, locale: str | None = None) -> str:
    return _named("regions", code, locale)


def specialty_name(code: str, locale: str | None = None) -> str:
    return _named("specialties", code, locale)


def region_names(locale: str | None = None) -> dict[str, str]:
    return {code: region_name(code, locale) for code in table("regions")}


def closed_name(context: str, code: str) -> str:
    """A size, a reason or a role by its code, in the current language."""
    english = CONTEXTS[context].get(code)
    return gettext(english) if english else code


def with_code(name: str, code: str) -> str:
    """``Карагандинская область (35)``; just the code when it has no name."""
    return code if name == code else f"{name} ({code})"


def group_label(group_by: str, code: str, label: str) -> str:
    """The name a monitoring row of ``group_by`` is shown under (its code is beside it in
    its own column): regions and specialties from the reference files, organisations by
    the name they registered."""
    if group_by == "region":
        return region_name(code)
    if group_by == "specialty":
        return specialty_name(code)
    return label

"""Atameken-style monitoring figures (DOMAIN.md "Monitoring"), with no personal data.

Definitions (the figures' columns are ``DUAL_TRAINING_COLUMNS``):

* An agreement belongs to the year its term starts (the intake year) and, for the
  region, to its college's region; all its figures count in that group.
* "Started" agreements are those that were signed by every party: active, suspended,
  completed or terminated. Enterprises involved, trainees, mentors count distinct
  enterprises, trainees and current mentors of started agreements; trainees in
  training are those of active or suspended ones.
* Trainees per mentor: mentored trainees / distinct mentors (2 places).
* Practice is seniority practice (30-day months), summed over agreements.
* Mentor payments count per contract, in its college's region, its start year.
  A contract covers one mentor's trainees of any specialty, so the specialty grouping
  has no mentor payment figures (None).
* Certificates: due = completed or terminated on or before today; issued = due with a
  certificate; overdue = due, no certificate, and closed more than 30 days ago.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from application.projections.listing import whole_number
from application.projections.ports import Row, ViewStore
from domain.shared.errors import InvalidValueError
from domain.shared.regions import REGIONS, region_code
from domain.work_experience.seniority import Duration

GROUPS = {"region": "region", "college": "college_bin", "enterprise": "enterprise_bin",
          "specialty": "specialty_code"}
CERTIFICATE_DEADLINE = timedelta(days=30)
_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class DualTrainingFigures:
    group: str
    label: str
    year: int
    enterprises: int
    agreements_draft: int
    agreements_active: int
    agreements_suspended: int
    agreements_completed: int
    agreements_terminated: int
    agreements_cancelled: int
    trainees: int
    trainees_in_training: int
    mentors: int
    trainees_per_mentor: Decimal | None
    practice_months: int
    practice_days: int
    compensation_paid: Decimal
    mentor_payments_approved: Decimal | None
    mentor_payments_paid: Decimal | None
    mentor_payments_reversed: Decimal | None
    certificates_due: int
    certificates_issued: int
    certificates_overdue: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


DUAL_TRAINING_COLUMNS = tuple(DualTrainingFigures.__dataclass_fields__)
_AGREEMENT_COUNTS = ("enterprises", "agreements_draft", "agreements_active",
                     "agreements_suspended", "agreements_completed", "agreements_terminated",
                     "agreements_cancelled", "trainees", "trainees_in_training", "mentors",
                     "certificates_due", "certificates_issued", "certificates_overdue")


def check_group(group_by: str) -> str:
    if group_by not in GROUPS:
        raise InvalidValueError(f"group_by must be one of {', '.join(GROUPS)}, got "
                                f"{group_by!r}", field="group_by", rule="group_by")
    return group_by


def check_filters(year: object, region: object) -> tuple[int | None, str | None]:
    """Query-string values checked: a year, a region code (empty means all)."""
    checked_year = None if year in (None, "") else whole_number("year", year, low=1900)
    checked_region = None
    if region not in (None, ""):
        try:
            checked_region = region_code(region)
        except InvalidValueError as error:
            raise error.at("region") from None
    return checked_year, checked_region


def dual_training(store: ViewStore, group_by: str, *, year: object, region: object,
                  today: date) -> list[DualTrainingFigures]:
    group = check_group(group_by)
    year, region = check_filters(year, region)
    agreements = {(r["grp"], r["year"]): r for r in store.agreement_figures(
        GROUPS[group], year=year, region=region, today=today,
        overdue_before=today - CERTIFICATE_DEADLINE)}
    contracts: dict[tuple[str, int], Row] = {}
    if group != "specialty":
        contracts = {(r["grp"], r["year"]): r for r in store.contract_figures(
            GROUPS[group], year=year, region=region)}
    names = _labels(store, group)
    return [_figures(key, agreements.get(key), contracts.get(key), group, names)
            for key in sorted(agreements.keys() | contracts.keys())]


def _labels(store: ViewStore, group: str) -> dict[str, str]:
    if group == "region":
        return REGIONS
    if group in ("college", "enterprise"):
        return store.organisation_names()
    return {}


def _figures(key: tuple[str, int], agreements: Row | None, contracts: Row | None, group: str,
             names: dict[str, str]) -> DualTrainingFigures:
    counts = {name: int((agreements or {}).get(name) or 0) for name in _AGREEMENT_COUNTS}
    practice = Duration.from_days(int((agreements or {}).get("practice_in_days") or 0))
    mentored = int((agreements or {}).get("mentored_trainees") or 0)
    per_mentor = None if not counts["mentors"] else \
        (Decimal(mentored) / counts["mentors"]).quantize(Decimal("0.01"), ROUND_HALF_UP)

    def paid(column: str) -> Decimal | None:
        if group == "specialty":
            return None
        return (contracts or {}).get(column) or _ZERO

    return DualTrainingFigures(
        group=key[0], label=names.get(key[0], key[0]), year=key[1], **counts,
        trainees_per_mentor=per_mentor, practice_months=practice.months,
        practice_days=practice.days,
        compensation_paid=(agreements or {}).get("compensation") or _ZERO,
        mentor_payments_approved=paid("approved"), mentor_payments_paid=paid("paid"),
        mentor_payments_reversed=paid("reversed"))


@dataclass(frozen=True)
class CertificateFigures:
    region: str
    region_name: str
    college_bin: str
    college_name: str
    due: int
    issued: int
    overdue: int

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


CERTIFICATE_COLUMNS = tuple(CertificateFigures.__dataclass_fields__)


def certificates(store: ViewStore, *, region: object, today: date) -> list[CertificateFigures]:
    """Per region and college: certificates due, issued and overdue as of ``today``."""
    _, region = check_filters(None, region)
    rows = store.agreement_figures("college_bin", year=None, region=region, today=today,
                                   overdue_before=today - CERTIFICATE_DEADLINE,
                                   with_region=True)
    names = store.organisation_names()
    totals: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        sums = totals.setdefault((row["region"], row["grp"]), [0, 0, 0])
        for index, column in enumerate(("certificates_due", "certificates_issued",
                                        "certificates_overdue")):
            sums[index] += int(row[column] or 0)
    return [CertificateFigures(region_, REGIONS.get(region_, region_), college,
                               names.get(college, college), *sums)
            for (region_, college), sums in sorted(totals.items()) if sums[0]]

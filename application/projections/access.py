"""Who sees which rows of the views (DOMAIN.md's role table).

The agreements list is narrowed to the caller's own agreements: a college's, an
enterprise's, a trainee's (found by pseudonym, the view holds no IIN), a mentor's
current ones; a regional monitor's region. Monitoring figures are for monitors and
auditors only, a regional monitor's for its own region only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from application.errors import PermissionDeniedError
from application.projections.deadlines import DeadlineFigures
from application.projections.listing import Page, clean_filters, empty_page
from application.projections.monitoring import CertificateFigures, DualTrainingFigures
from application.projections.pseudonyms import Pseudonyms
from application.projections.reimbursement import ReimbursementFigures
from application.projections.reimbursement import clean_filters as reimbursement_filters
from application.projections.targeted_figures import TargetedTrainingFigures
from application.security import Principal
from domain.shared.audit import Role

if TYPE_CHECKING:
    from application.projections.facade import Projections

# Not the admin: DOMAIN.md gives the operator no right to agreements.
LIST_READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.TRAINEE, Role.MENTOR, Role.MONITOR,
                Role.AUDITOR)
MONITORING_READERS = (Role.MONITOR, Role.AUDITOR)


def list_scope(principal: Principal, pseudonyms: Pseudonyms,
               filters: Mapping[str, Any]) -> dict[str, Any] | None:
    """The filters narrowed to what ``principal`` may see; None when that is nothing
    (the caller asked for another party's rows: an empty list, not an error)."""
    principal.require_role(*LIST_READERS)
    scoped = {name: value for name, value in filters.items()
              if name not in ("trainee_key", "current_mentor_key")}
    column, own = _own_rows(principal, pseudonyms)
    if column is None:
        return scoped  # auditors and national monitors see every row
    if own is None or scoped.get(column) not in (None, "", own):
        return None
    scoped[column] = own
    return scoped


def _own_rows(principal: Principal, pseudonyms: Pseudonyms) -> tuple[str | None, str | None]:
    """The column that holds the caller's own rows, and its value there (None: no rows)."""
    subject = principal.subject
    match principal.role:
        case Role.COLLEGE:
            return "college_bin", subject
        case Role.ENTERPRISE:
            return "enterprise_bin", subject
        case Role.TRAINEE:
            return "trainee_key", subject and pseudonyms.trainee(subject)
        case Role.MENTOR:
            return "current_mentor_key", subject and pseudonyms.mentor(subject)
        case Role.MONITOR if subject:
            return "region", subject
    return None, None


def monitoring_region(principal: Principal, region: str | None) -> str | None:
    """The region a monitoring read is for: a regional monitor's own, always."""
    principal.require_role(*MONITORING_READERS)
    if principal.role is Role.MONITOR and principal.subject:
        if region not in (None, "", principal.subject):
            raise PermissionDeniedError(f"a monitor of region {principal.subject} sees only "
                                        "that region's figures")
        return principal.subject
    return region or None


# What the web layer calls: the reads, held to the rules above ---------------------------

def agreements_for(projections: Projections, principal: Principal, filters: Mapping[str, Any],
                   page: object = 1, per_page: object = 20, sort: str | None = None) -> Page:
    # Filters arrive as typed values; the view's columns hold their machine form.
    scope = list_scope(principal, projections.views.pseudonyms, clean_filters(filters))
    if scope is None:
        return empty_page(page, per_page)
    return projections.list_agreements(scope, page, per_page, sort)


def dual_training_for(projections: Projections, principal: Principal, group_by: str, *,
                      year: object = None, region: str | None = None
                      ) -> list[DualTrainingFigures]:
    return projections.monitoring_dual_training(group_by, year=year,
                                                region=monitoring_region(principal, region))


def reimbursement_for(projections: Projections, principal: Principal, group_by: str, *,
                      year: object = None, region: str | None = None
                      ) -> list[ReimbursementFigures]:
    return projections.monitoring_reimbursement(group_by, year=year,
                                                region=monitoring_region(principal, region))


# Claims: their enterprise's and their college's; auditors see all (not the admin).
CLAIM_LIST_READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.AUDITOR)


def claims_for(projections: Projections, principal: Principal, filters: Mapping[str, Any],
               page: object = 1, per_page: object = 20) -> Page:
    principal.require_role(*CLAIM_LIST_READERS)
    scoped = reimbursement_filters(filters)
    own = {Role.COLLEGE: "college_bin", Role.ENTERPRISE: "enterprise_bin"}.get(principal.role)
    if own is not None:
        if scoped.get(own) not in (None, principal.subject):
            return empty_page(page, per_page)
        scoped[own] = principal.subject
    return projections.list_claims(scoped, page, per_page)


def certificates_for(projections: Projections, principal: Principal, *,
                     region: str | None = None) -> list[CertificateFigures]:
    return projections.monitoring_certificates(region=monitoring_region(principal, region))


def targeted_training_for(projections: Projections, principal: Principal, group_by: str, *,
                          year: object = None, region: str | None = None
                          ) -> list[TargetedTrainingFigures]:
    return projections.monitoring_targeted_training(
        group_by, year=year, region=monitoring_region(principal, region))


def deadlines_for(projections: Projections, principal: Principal, group_by: str, *,
                  region: str | None = None, today: date | None = None
                  ) -> list[DeadlineFigures]:
    return projections.monitoring_deadlines(
        group_by, region=monitoring_region(principal, region), today=today)

"""The lists API.md names, read from the views and narrowed to what the caller may see.

Each returns a ``paging.CursorPage`` (``limit`` rows after ``cursor``, in a fixed order
of columns that never change for a row, then its key). Asking for another party's rows
through a filter gives an empty list, not an error; asking for another enterprise's
mentors is 404 (the path names the enterprise: existence does not leak).

* organisations: admin, auditor, monitors (a regional monitor its region's); public
  registry data only.
* an enterprise's mentors: that enterprise, admin, auditor. The view holds the mentor
  as a pseudonym; the web layer completes each row from the participants' record.
* mentor contracts: a college its own, a mentor its own, auditors and the admin all.
* certificates: a college's, an enterprise's, a trainee's own; auditors all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from application.projections import listing
from application.projections.access import CLAIM_LIST_READERS, list_scope
from application.projections.paging import (
    DEFAULT_LIMIT,
    CursorPage,
    check_limit,
    decode_cursor,
    select_page,
    slice_page,
)
from application.projections.ports import Row
from application.projections.reimbursement import ITEM_COLUMNS as CLAIM_COLUMNS
from application.projections.reimbursement import clean_filters as reimbursement_filters
from application.projections.schema import (
    AGREEMENTS,
    CERTIFICATES,
    MENTOR_CONTRACTS,
    MENTORS,
    ORGANISATIONS,
    REIMBURSEMENT_CLAIMS,
)
from application.security import Principal
from domain.shared.audit import Role

if TYPE_CHECKING:
    from application.projections.facade import Projections

ORGANISATION_READERS = (Role.ADMIN, Role.AUDITOR, Role.MONITOR)
MENTOR_READERS = (Role.ENTERPRISE, Role.ADMIN, Role.AUDITOR)
CONTRACT_READERS = (Role.COLLEGE, Role.MENTOR, Role.AUDITOR, Role.ADMIN)
CERTIFICATE_READERS = (Role.COLLEGE, Role.ENTERPRISE, Role.TRAINEE, Role.AUDITOR)

_ORGANISATIONS_ORDER = (("bin", False),)
_MENTORS_ORDER = (("registered_at", False), ("mentor_id", False))
_CONTRACTS_ORDER = (("start_date", False), ("number", False), ("contract_id", False))
_CERTIFICATES_ORDER = (("first_issued_on", False), ("agreement_id", False))

CONTRACT_COLUMNS = ("contract_id", "number", "college_bin", "enterprise_bin", "mentor_key",
                    "start_date", "end_date", "year", "ceiling", "approved_total", "paid_total",
                    "reversed_total", "version", "updated_at")
CERTIFICATE_COLUMNS = tuple(CERTIFICATES.column_names)


def _present(filters: Mapping[str, Any]) -> dict[str, Any]:
    return {name: getattr(value, "value", value) for name, value in filters.items()
            if value not in (None, "")}


def _narrowed(filters: dict[str, Any], column: str, own: str | None) -> dict[str, Any] | None:
    """``filters`` held to the caller's own rows in ``column``; None: the caller's filter
    names another party's (an empty list)."""
    if own is None or filters.get(column) not in (None, own):
        return None
    return {**filters, column: own}


def check_page(limit: int, cursor: str | None) -> None:
    """Refuse a bad ``limit`` or ``cursor`` even when the caller may see no rows."""
    check_limit(limit)
    decode_cursor(cursor)


def _columns(names: tuple[str, ...]) -> Any:
    return lambda row: {name: row[name] for name in names}


def organisations_for(projections: Projections, principal: Principal,
                      filters: Mapping[str, Any], *, limit: int = DEFAULT_LIMIT,
                      cursor: str | None = None) -> CursorPage:
    principal.require_role(*ORGANISATION_READERS)
    check_page(limit, cursor)
    scoped: dict[str, Any] | None = _present(filters)
    if principal.role is Role.MONITOR and principal.subject:
        scoped = _narrowed(scoped or {}, "region", principal.subject)
    if scoped is None:
        return CursorPage.empty()
    return select_page(projections.store, ORGANISATIONS, scoped, _ORGANISATIONS_ORDER,
                       limit=limit, cursor=cursor)


def mentors_for(projections: Projections, principal: Principal, enterprise_bin: str, *,
                limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> CursorPage:
    principal.require_role(*MENTOR_READERS)
    principal.require_visible(principal.role is not Role.ENTERPRISE
                              or principal.subject == enterprise_bin,
                              f"enterprise {enterprise_bin}")
    return select_page(projections.store, MENTORS, {"enterprise_bin": enterprise_bin},
                       _MENTORS_ORDER, limit=limit, cursor=cursor)


def contracts_for(projections: Projections, principal: Principal, filters: Mapping[str, Any],
                  *, limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> CursorPage:
    principal.require_role(*CONTRACT_READERS)
    check_page(limit, cursor)
    scoped: dict[str, Any] | None = _present(filters)
    pseudonyms = projections.views.pseudonyms
    if scoped and "mentor_iin" in scoped:
        scoped["mentor_key"] = pseudonyms.mentor(scoped.pop("mentor_iin"))
    if principal.role is Role.COLLEGE:
        scoped = _narrowed(scoped or {}, "college_bin", principal.subject)
    elif principal.role is Role.MENTOR:
        own = pseudonyms.mentor(principal.subject) if principal.subject else None
        scoped = _narrowed(scoped or {}, "mentor_key", own)
    if scoped is None:
        return CursorPage.empty()
    return select_page(projections.store, MENTOR_CONTRACTS, scoped, _CONTRACTS_ORDER,
                       limit=limit, cursor=cursor, item=_columns(CONTRACT_COLUMNS))


def certificates_list_for(projections: Projections, principal: Principal,
                          filters: Mapping[str, Any], *, limit: int = DEFAULT_LIMIT,
                          cursor: str | None = None) -> CursorPage:
    principal.require_role(*CERTIFICATE_READERS)
    check_page(limit, cursor)
    scoped: dict[str, Any] | None = _present(filters)
    store, item = projections.store, _columns(CERTIFICATE_COLUMNS)
    if principal.role is Role.COLLEGE:
        scoped = _narrowed(scoped or {}, "college_bin", principal.subject)
    elif principal.role is Role.ENTERPRISE:
        scoped = _narrowed(scoped or {}, "enterprise_bin", principal.subject)
    elif principal.role is Role.TRAINEE:
        # The certificates view names no trainee: its agreements (found by pseudonym in
        # the agreements view, a handful) say which certificates are the trainee's own.
        if scoped is None or not principal.subject:
            return CursorPage.empty()
        key = projections.views.pseudonyms.trainee(principal.subject)
        agreements, _ = store.select(AGREEMENTS, {"trainee_key": key}, [("agreement_id", False)],
                                     limit=10_000,
                                     offset=0)
        rows = store.select_in(CERTIFICATES, "agreement_id",
                               [row["agreement_id"] for row in agreements])
        mine = [row for row in rows if _matches(row, scoped)]
        return slice_page(mine, _CERTIFICATES_ORDER, limit=limit, cursor=cursor, item=item)
    if scoped is None:
        return CursorPage.empty()
    return select_page(store, CERTIFICATES, scoped, _CERTIFICATES_ORDER, limit=limit,
                       cursor=cursor, item=item)


def _matches(row: Row, filters: Mapping[str, Any]) -> bool:
    return all(row[name] == value for name, value in filters.items())



# The agreements and claims lists in the cursor shape (their page/per_page shape is
# deprecated and kept for one version: ``access.agreements_for``, ``access.claims_for``).

_AGREEMENTS_ORDER = (("registered_at", False), ("agreement_id", False))
_CLAIMS_ORDER = (("submitted_at", True), ("claim_id", False))


def agreements_page_for(projections: Projections, principal: Principal,
                        filters: Mapping[str, Any], *, sort: str | None = None,
                        limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> CursorPage:
    """By registration unless ``sort`` says otherwise: an order no later change moves a
    row in (``-updated_at``, the page/per_page default, would move rows between pages)."""
    check_page(limit, cursor)
    scoped = list_scope(principal, projections.views.pseudonyms, listing.clean_filters(filters))
    if scoped is None:
        return CursorPage.empty()
    order = listing.parse_sort(sort) if sort else _AGREEMENTS_ORDER
    return select_page(projections.store, AGREEMENTS, scoped, order, limit=limit,
                       cursor=cursor, item=_columns(listing.ITEM_COLUMNS))


def claims_page_for(projections: Projections, principal: Principal,
                    filters: Mapping[str, Any], *, limit: int = DEFAULT_LIMIT,
                    cursor: str | None = None) -> CursorPage:
    """Newest claim first, as the page/per_page shape."""
    principal.require_role(*CLAIM_LIST_READERS)
    check_page(limit, cursor)
    scoped: dict[str, Any] | None = reimbursement_filters(filters)
    own = {Role.COLLEGE: "college_bin", Role.ENTERPRISE: "enterprise_bin"}.get(principal.role)
    if own is not None:
        scoped = _narrowed(scoped or {}, own, principal.subject)
    if scoped is None:
        return CursorPage.empty()
    return select_page(projections.store, REIMBURSEMENT_CLAIMS, scoped, _CLAIMS_ORDER,
                       limit=limit, cursor=cursor, item=_columns(CLAIM_COLUMNS))

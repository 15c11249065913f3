"""``GET /dashboard``: the monitoring figures as a page, for monitors and auditors.

Rendered on the server (Jinja, ``templates/dashboard.html`` beside it) with its charts
as inline SVG: no script and nothing fetched from elsewhere, so it works offline and
with JavaScript off. Filters (region, intake year, grouping) are a plain GET form;
the page links to the same figures as CSV and XLSX (``/dashboard/<name>.<format>``).

Signing in, since a browser cannot send a bearer header by itself:
- ``Authorization: Bearer <token>`` works as on the API (a proxy or a tool may add it);
- or the page's sign-in form, which POSTs the token to ``/dashboard/sign-in``: it goes
  into an HttpOnly, SameSite=Strict cookie scoped to ``/dashboard`` (Secure over HTTPS),
  never into an address, a history or an access log. ``/dashboard?token=...`` is refused
  (400). ``/dashboard/sign-out`` forgets the cookie.
Any other role than monitor or auditor is refused (403), as on the API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from application.errors import PermissionDeniedError
from application.projections.access import MONITORING_READERS, monitoring_region
from application.projections.deadlines.worklist import check_group as deadline_group
from application.projections.monitoring import GROUPS, check_filters, check_group
from application.security import Principal
from domain.shared.audit import Role
from domain.shared.errors import InvalidValueError
from interfaces import i18n
from interfaces.i18n import reference
from interfaces.web.auth import public
from interfaces.web.dashboard import figures as dashboard_figures
from interfaces.web.freshness import current_views
from interfaces.web.resources.monitoring import deadlines as monitoring_deadlines
from interfaces.web.resources.monitoring import files as monitoring_files
from interfaces.web.resources.monitoring.reimbursement import reimbursement_file
from interfaces.web.resources.monitoring.targeted import targeted_file
from interfaces.web.resources.patronage_memoranda import monitoring as patronage_monitoring
from interfaces.web.runtime import system

COOKIE = "dualtrack_dashboard"
COOKIE_SECONDS = 8 * 3600  # a working day; the token itself lives on
TEMPLATES = Path(__file__).resolve().parent / "templates"

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard", template_folder=str(TEMPLATES))


def _token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.cookies.get(COOKIE) or None


def _page(status: int, **context: Any) -> Response:
    context.setdefault("regions", reference.region_names())
    context.setdefault("groups", tuple(GROUPS))
    context.setdefault("role_name", lambda code: reference.closed_name("role", code))
    context.setdefault("group_name", lambda code: i18n.gettext(reference.GROUPINGS[code]))
    answer = make_response(render_template("dashboard.html", **context), status)
    answer.headers["Cache-Control"] = "no-store"
    # Nothing but this page's own inline styles: no script, no fetch, no framing.
    answer.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'")
    return answer


def _signed_in() -> Principal | Response:
    """The caller, or the page to answer instead (sign in, or not for this role)."""
    token = _token()
    caller = system().participants.authenticate(token, g.correlation_id) if token else None
    if caller is None:
        answer = _page(401, sign_in=True, rejected=token is not None)
        if COOKIE in request.cookies:  # unknown or revoked: forget it
            answer.delete_cookie(COOKIE, path=bp.url_prefix, httponly=True, samesite="Strict")
        return answer
    if caller.role not in MONITORING_READERS:
        return _page(403, error=i18n.gettext(
            "A %(role)s may not see the monitoring figures: they are for monitors and "
            "auditors.", role=reference.closed_name("role", caller.role.value)))
    g.principal = caller  # for the download views, which read it as the API's do
    return caller


@bp.post("/sign-in")
@public
def sign_in() -> Any:
    """The sign-in form posts the token here (never in the address, where logs keep it)."""
    token = (request.form.get("token") or "").strip()
    caller = system().participants.authenticate(token, g.correlation_id) if token else None
    if caller is None:
        return _page(401, sign_in=True, rejected=bool(token))
    asked: dict[str, Any] = {name: value for name in ("group_by", "year", "region")
                             if (value := request.form.get(name))}
    answer = redirect(url_for("dashboard.dashboard", **asked), code=303)
    answer.set_cookie(COOKIE, token, max_age=COOKIE_SECONDS, path=bp.url_prefix,
                      secure=request.is_secure, httponly=True, samesite="Strict")
    return answer


sign_in.form_body = True  # type: ignore[attr-defined]


@bp.get("")
@public
def dashboard() -> Any:
    if "token" in request.args:
        # Not taken from the address any more: it reaches access logs and the history.
        return _page(400, sign_in=True, error=i18n.gettext(
            "A token in the address is not accepted: sign in with the form below (the token "
            "is posted, not put in the address), then revoke the token that was sent in the "
            "address."))
    caller = _signed_in()
    if not isinstance(caller, Principal):
        return caller
    asked = {name: request.args.get(name) or None for name in ("group_by", "year", "region")}
    fixed_region = caller.subject if caller.role is Role.MONITOR else None
    shown = {"caller": caller, "filters": asked, "fixed_region": fixed_region}
    try:
        group_by = check_group(asked["group_by"] or "region")
        year, region = check_filters(asked["year"], asked["region"])
        region = monitoring_region(caller, region)
        shown["filters"] = {"group_by": group_by, "year": year, "region": region}
        views, _ = current_views()
        figures = dashboard_figures.build(views, caller, group_by=group_by, year=year,
                                          region=region)
    except (InvalidValueError, PermissionDeniedError) as refused:
        status = 403 if isinstance(refused, PermissionDeniedError) else 422
        return _page(status, **shown, error=i18n.rule_message(refused.rule, refused.message))
    lag = sum(source.lag for source in views.status())
    return _page(200, **shown, figures=figures, as_of=views.clock(), lag=lag,
                 cell=dashboard_figures.cell)


@bp.get('/<any("dual-training", certificates, deadlines, reimbursement, "targeted-training", '
        'patronage):name>.<any(csv, xlsx):file_format>')
@public
def download(name: str, file_format: str) -> Any:
    caller = _signed_in()
    if not isinstance(caller, Principal):
        return caller
    year, region = check_filters(request.args.get("year"), request.args.get("region"))
    if name == "certificates":
        return monitoring_files.certificates_file(file_format, region=region)
    if name == "deadlines":
        return monitoring_deadlines.deadlines_file(
            file_format, deadline_group(request.args.get("group_by") or "region"),
            region=region)
    programmes = {"reimbursement": reimbursement_file, "targeted-training": targeted_file,
                  "patronage": patronage_monitoring._file}
    if name in programmes:  # by region, as the dashboard's panels show them
        return programmes[name](file_format, "region", year=year, region=region)
    group_by = check_group(request.args.get("group_by") or "region")
    return monitoring_files.dual_training_file(file_format, group_by, year=year, region=region)


@bp.get("/sign-out")
@public
def sign_out() -> Any:
    answer = redirect(url_for("dashboard.dashboard"), code=303)
    answer.delete_cookie(COOKIE, path=bp.url_prefix, httponly=True, samesite="Strict")
    return answer

"""The language of each request: flask-babel with the catalogues of ``interfaces.i18n``.

Chosen, first that applies: on the dashboard ``?lang=ru|kk|en`` (kept in a cookie, so
the choice stays for the next pages and downloads) or that cookie; then the best match
of ``Accept-Language`` among ru, kk, en; then ``DUALTRACK_DEFAULT_LOCALE``. The answer
says which in ``Content-Language``. Only texts change: rule codes, problem types, status
codes and JSON keys are the same in every language.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g, has_request_context, request
from flask_babel import Babel

from infrastructure.settings import LOCALES
from interfaces import i18n

LANG_COOKIE = "dualtrack_lang"
LANG_COOKIE_SECONDS = 365 * 24 * 3600
DASHBOARD = "/dashboard"


def _asked_on_dashboard() -> str | None:
    if not request.path.startswith(DASHBOARD):
        return None
    asked = (request.args.get("lang") or "").strip().lower()
    if asked in LOCALES:
        return asked
    kept = request.cookies.get(LANG_COOKIE, "")
    return kept if kept in LOCALES else None


def select_locale() -> str:
    chosen = _asked_on_dashboard()
    if chosen is None:
        chosen = request.accept_languages.best_match(LOCALES)
    return chosen or current_app.config["DUALTRACK_DEFAULT_LOCALE"]


def request_locale() -> str:
    """The locale of the current request (decided once per request)."""
    if not has_request_context():
        return i18n.default_locale()
    if "locale" not in g:
        g.locale = select_locale()
    return str(g.locale)


def _remember_choice(answer: Response) -> Response:
    answer.headers.setdefault("Content-Language", request_locale())
    asked = (request.args.get("lang") or "").strip().lower()
    if request.path.startswith(DASHBOARD) and asked in LOCALES:
        answer.set_cookie(LANG_COOKIE, asked, max_age=LANG_COOKIE_SECONDS, path=DASHBOARD,
                          secure=request.is_secure, httponly=True, samesite="Lax")
    vary = answer.headers.get("Vary", "")
    if "accept-language" not in vary.lower():
        answer.headers["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
    return answer


def install_i18n(app: Flask, default_locale: str) -> None:
    app.config["DUALTRACK_DEFAULT_LOCALE"] = default_locale
    app.config["BABEL_DEFAULT_LOCALE"] = default_locale
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(i18n.compiled_dir())
    Babel(app, locale_selector=request_locale)
    # The templates translate through the same catalogues as the Python code does.
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext)
    app.jinja_env.globals.update(money=i18n.money, number=i18n.number, day=i18n.day,
                                 locale=request_locale, locales=LOCALES,
                                 language_name=i18n.language_name)
    app.after_request(_remember_choice)

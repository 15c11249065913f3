"""Russian, Kazakh and English for everything a person reads: pages, files, problem
details, CLI messages.

The catalogues are ``locales/<ru|kk|en>/LC_MESSAGES/messages.po`` beside this file, the
only translation source kept in the repository. They are compiled to ``.mo`` on first use
into a cache directory named after their content (``compiled_dir``), so a clean clone
installed with ``pip install -e .`` works and nothing compiled is committed.

``gettext`` translates into the current locale: inside a Flask request the one chosen
for it (``interfaces.web.i18n``), elsewhere (the CLI) the one set by ``use_locale``,
else ``DUALTRACK_DEFAULT_LOCALE``. ``N_`` only marks a message for the catalogue (a
table of headers, say) to be translated where it is shown. Machine fields (rule codes,
JSON keys, status codes) are never passed through here.

Numbers, money and dates are formatted by Babel for the locale: ``3 400 000,00 ₸`` in
``ru`` and ``kk``, ``₸3,400,000.00`` in ``en``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from infrastructure.settings import LOCALES, Settings

SOURCE = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
ENGLISH = "en"
_chosen: ContextVar[str | None] = ContextVar("dualtrack_locale", default=None)


def N_(message: str) -> str:  # noqa: N802 - the usual name of the marker
    """Marks ``message`` for the catalogue; translated later, where it is shown."""
    return message


def po_path(locale: str) -> Path:
    return SOURCE / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=1)
def compiled_dir() -> Path:
    """The catalogues compiled to ``.mo``, under a directory named after their content."""
    digest = hashlib.sha256()
    for locale in LOCALES:
        digest.update(po_path(locale).read_bytes())
    base = Path(os.environ.get("DUALTRACK_LOCALE_CACHE") or
                Path(tempfile.gettempdir()) / f"dualtrack-locales-{os.getuid()}")
    target = base / digest.hexdigest()[:16]
    for locale in LOCALES:
        mo = target / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if mo.exists():
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        with po_path(locale).open("rb") as source:
            catalogue = read_po(source, locale=locale)
        partial = mo.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as out:
            write_mo(out, catalogue, use_fuzzy=False)
        os.replace(partial, mo)  # atomic: a concurrent reader sees the whole file or none
    return target


@cache
def translations(locale: str) -> Translations:
    found = Translations.load(str(compiled_dir()), [locale], DOMAIN)
    return found if isinstance(found, Translations) else Translations()


@lru_cache(maxsize=1)
def default_locale() -> str:
    return Settings.from_env().default_locale


def current_locale() -> str:
    from flask import has_request_context

    if has_request_context():
        from interfaces.web.i18n import request_locale

        return request_locale()
    return _chosen.get() or default_locale()


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    token = _chosen.set(locale if locale in LOCALES else default_locale())
    try:
        yield
    finally:
        _chosen.reset(token)


def gettext(message: str, **params: object) -> str:
    text = translations(current_locale()).ugettext(message)
    return text % params if params else text


_ = gettext


def ngettext(singular: str, plural: str, n: int, **params: object) -> str:
    text = translations(current_locale()).ungettext(singular, plural, n)
    return text % {"num": n, **params}


def pgettext(context: str, message: str) -> str:
    return translations(current_locale()).upgettext(context, message)


def translated_or_none(context: str, message: str, locale: str | None = None) -> str | None:
    """The catalogue's text for ``message`` under ``context``, or None if it has none."""
    text = translations(locale or current_locale()).upgettext(context, message)
    return None if text == message else text


RULE_CONTEXT = "rule"


def rule_message(rule: str | None, message: str, locale: str | None = None) -> str:
    """A refusal's message for a person: in English the message as the domain or the web
    edge built it (it names the values); in Russian or Kazakh the catalogue's sentence for
    the rule (context ``rule``, msgid the rule code), else the English message."""
    chosen = locale or current_locale()
    if chosen == ENGLISH or not rule:
        return message
    return translated_or_none(RULE_CONTEXT, rule, chosen) or message


def number(value: int | Decimal | float, locale: str | None = None) -> str:
    return format_decimal(value, locale=locale or current_locale())


def money(value: Decimal | int, locale: str | None = None) -> str:
    """KZT with two decimals: ``3 400 000,00 ₸`` (ru, kk), ``₸3,400,000.00`` (en)."""
    chosen = locale or current_locale()
    digits = format_decimal(value, format="#,##0.00", locale=chosen)
    return f"\u20b8{digits}" if chosen == ENGLISH else f"{digits}\u00a0\u20b8"


def day(value: date | datetime, locale: str | None = None) -> str:
    return format_date(value, format="medium", locale=locale or current_locale())


def language_name(locale: str) -> str:
    """The language's own name for itself: ``русский``, ``қазақ тілі``, ``English``."""
    return Locale.parse(locale).get_display_name(locale) or locale


__all__ = ["ENGLISH", "LOCALES", "N_", "_", "compiled_dir", "current_locale", "day",
           "default_locale", "gettext", "language_name", "money", "ngettext", "number",
           "pgettext", "rule_message", "translated_or_none", "translations", "use_locale"]

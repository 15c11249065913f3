"""A worklist item's ``detail`` in the caller's language.

The deadline kinds write the detail in English and give the values it names
(``Item.values``); in Russian or Kazakh the sentence is the catalogue's for the kind, with
those values formatted for the locale (dates, money, party names). English keeps the
kind's own sentence; a kind without a sentence here keeps it in every language.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from application.projections.deadlines.kinds import Item
from interfaces import i18n
from interfaces.i18n import N_

SENTENCES = {
    "draft_unsigned": N_("agreement %(number)s is not yet signed by %(parties)s"),
    "practice_start_unprepared": N_("agreement %(number)s starts on %(start_date)s "
                                    "without %(missing)s"),
    "certificate_unissued": N_("agreement %(number)s was %(status)s on %(closed_on)s: its "
                               "work-experience certificate is not issued"),
    "act_awaiting_approval": N_("act %(act)s of contract %(contract)s (%(amount)s) awaits "
                                "approval since %(since)s"),
    "act_unpaid": N_("act %(act)s of contract %(contract)s, approved on %(approved_on)s, "
                     "has %(unpaid)s unpaid"),
}
WORDS = {"college": N_("the college"), "enterprise": N_("the enterprise"),
         "trainee": N_("the trainee"), "legal_representative": N_("the legal representative"),
         "mentor": N_("a mentor"), "briefing": N_("a safety briefing"),
         "completed": N_("completed"), "terminated": N_("terminated")}
DATES = ("start_date", "closed_on", "since", "approved_on")
AMOUNTS = ("amount", "unpaid")
LISTS = {"parties": N_("%(first)s, %(then)s"), "missing": N_("%(first)s and %(then)s")}


def _word(code: str) -> str:
    return i18n.gettext(WORDS[code]) if code in WORDS else code


def _formatted(name: str, value: str) -> str:
    if name in DATES:
        return i18n.day(date.fromisoformat(value))
    if name in AMOUNTS:
        return i18n.money(Decimal(value))
    if name in LISTS:
        words = [_word(code) for code in value.split(",") if code]
        text = words[0] if words else ""
        for word in words[1:]:
            text = i18n.gettext(LISTS[name], first=text, then=word)
        return text
    return _word(value) if name == "status" else value


def detail(item: Item) -> str:
    sentence = SENTENCES.get(item.kind)
    if i18n.current_locale() == i18n.ENGLISH or sentence is None or not item.values:
        return item.detail
    return i18n.gettext(sentence, **{name: _formatted(name, value)
                                     for name, value in item.values})


def localised(item: Item) -> dict[str, Any]:
    return {**item.as_dict(), "detail": detail(item)}

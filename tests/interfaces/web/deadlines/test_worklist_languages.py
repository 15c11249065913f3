"""The worklist's ``detail`` in Russian and Kazakh: the kind's sentence with its values
formatted for the locale; ``kind``, ``due_on`` and the subject the same in every language."""

from __future__ import annotations

import pytest

from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.deadlines.test_deadlines_api import (
    WORKLIST,
    act_awaiting,
    act_unpaid,
    certificate,
    draft,
    practice_start,
    views,
)

api = fixtures.api

EXPECTED = {  # kind -> (ru, kk) words the detail must hold
    "draft_unsigned": (("ещё не подписан", "обучающийся"), ("әлі қол қойылмаған", "білім алушы")),
    "practice_start_unprepared": (("без наставника и инструктажа по технике безопасности",),
                                  ("тәлімгер және қауіпсіздік техникасы бойынша нұсқама",)),
    "act_awaiting_approval": (("ожидает утверждения", "\u00a0\u20b8"),
                              ("бекітуді күтуде", "\u00a0\u20b8")),
    "act_unpaid": (("не оплачено", ",00\u00a0\u20b8"), ("төленбеген", ",00\u00a0\u20b8")),
    "certificate_unissued": (("расторгнут 20 окт.", "справка о трудовом стаже"),
                             ("бұзылды", "еңбек өтілі туралы анықтама")),
}


@pytest.mark.parametrize("make", [draft, practice_start, act_awaiting, act_unpaid, certificate])
def test_each_kind_detail_is_written_in_russian_and_kazakh(api, make):
    kind, due = make(api)
    views(api)

    def item(locale: str) -> dict:
        answer = api.client.get(WORKLIST, query_string={"as_of": due.isoformat()},
                                headers={**api.headers("college"), "Accept-Language": locale})
        assert answer.status_code == 200
        return next(i for i in answer.json["items"] if i["kind"] == kind)

    english, russian, kazakh = item("en"), item("ru"), item("kk")
    for words, localised in zip(EXPECTED[kind], (russian, kazakh), strict=True):
        assert all(word in localised["detail"] for word in words), localised["detail"]
        assert {k: v for k, v in localised.items() if k != "detail"} == \
            {k: v for k, v in english.items() if k != "detail"}
    assert russian["detail"] != english["detail"] != kazakh["detail"]

"""The catalogues: every message a person reads is translated in ru, kk and en, none
fuzzy; every message the code marks is in them; the reference files name every code in
the three languages; the formats are Babel's for each locale."""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from application.projections.deadlines import KIND_TITLES
from domain.shared.regions import REGIONS
from infrastructure.settings import LOCALES, Settings
from interfaces import i18n
from interfaces.i18n import reference

ROOT = Path(__file__).resolve().parents[3]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2),
            "pgettext": ((1, "c"), 2)}
METHODS = [("interfaces/**/templates/**.html", "jinja2.ext:babel_extract"),
           ("interfaces/**.py", "python")]
TEMPLATE_OPTIONS = {"interfaces/**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
# The specialties the demo and the tests use.
SPECIALTIES = ("01010100", "06120100", "07130200", "07140100", "07150200", "07150300",
               "07320100")
NBSP = "\u00a0"


def catalogue(locale: str):  # type: ignore[no-untyped-def]
    with i18n.po_path(locale).open("rb") as source:
        return read_po(source, locale=locale)


def keys(locale: str) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0])
            for m in catalogue(locale) if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated_and_none_is_fuzzy(locale: str) -> None:
    problems = []
    for message in catalogue(locale):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            problems.append((message.context, message.id))
    assert problems == []


def test_the_three_catalogues_hold_the_same_messages() -> None:
    assert keys("ru") == keys("en") == keys("kk")


def test_every_message_the_code_marks_is_in_every_catalogue() -> None:
    marked = {(context, message if isinstance(message, str) else message[0])
              for _, _, message, _, context in extract_from_dir(
                  str(ROOT), METHODS, options_map=TEMPLATE_OPTIONS, keywords=KEYWORDS)}
    assert len(marked) > 80
    for locale in LOCALES:
        assert marked - keys(locale) == set(), locale


def test_each_deadline_kind_title_is_in_the_catalogues() -> None:
    # The titles are the application's English; the web edge translates them.
    for locale in LOCALES:
        assert {(None, t) for t in KIND_TITLES.values()} <= keys(locale)


@pytest.mark.parametrize("locale", ("ru", "kk"))
def test_russian_and_kazakh_are_translations_not_copies(locale: str) -> None:
    copied = [m.id for m in catalogue(locale) if m.id and m.string == m.id
              and m.context != "rule"
              and any(c.isalpha() for c in re.sub(r"%\([a-z_]+\)[sd]", "", str(m.id)))]
    # A few words are the same in every language (колледж is not: it is Cyrillic).
    assert copied == []


def test_the_domain_terms_are_the_agreed_ones() -> None:
    for locale, words in {"ru": ("Мониторинг дуального обучения", "Наставники", "Колледж",
                                 "Предприятие", "Договоры", "Обучающиеся"),
                          "kk": ("Дуальды оқыту мониторингі", "Тәлімгерлер", "Колледж",
                                 "Кәсіпорын", "Шарттар", "Білім алушылар")}.items():
        texts = {str(m.string) for m in catalogue(locale)}
        assert set(words) <= texts, locale


def test_the_catalogues_compile_on_first_use(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUALTRACK_LOCALE_CACHE", str(tmp_path))
    i18n.compiled_dir.cache_clear()
    try:
        built = i18n.compiled_dir()
        assert sorted(p.parent.parent.name for p in built.rglob("messages.mo")) == \
            sorted(LOCALES)
        assert built.parent == tmp_path
    finally:
        i18n.compiled_dir.cache_clear()


def test_no_compiled_catalogue_is_in_the_repository() -> None:
    assert list((ROOT / "interfaces").rglob("*.mo")) == []
    assert "*.mo" in (ROOT / ".gitignore").read_text().split()


def test_money_numbers_and_dates_follow_the_locale() -> None:
    amount = Decimal("3400000.00")
    assert i18n.money(amount, "ru") == f"3{NBSP}400{NBSP}000,00{NBSP}\u20b8"
    assert i18n.money(amount, "kk") == f"3{NBSP}400{NBSP}000,00{NBSP}\u20b8"
    assert i18n.money(amount, "en") == "\u20b83,400,000.00"
    assert i18n.number(12345, "ru") == f"12{NBSP}345" and i18n.number(12345, "en") == "12,345"
    assert i18n.day(date(2026, 9, 1), "en") == "Sep 1, 2026"
    assert "сент" in i18n.day(date(2026, 9, 1), "ru")
    assert "қыр" in i18n.day(date(2026, 9, 1), "kk")


def test_the_default_locale_is_russian_and_can_be_set() -> None:
    assert Settings.from_env({}).default_locale == "ru"
    assert Settings.from_env({"DUALTRACK_DEFAULT_LOCALE": "kk"}).default_locale == "kk"
    with pytest.raises(ValueError, match="DUALTRACK_DEFAULT_LOCALE"):
        Settings.from_env({"DUALTRACK_DEFAULT_LOCALE": "de"})


def test_a_rule_has_its_sentence_in_russian_and_kazakh_and_english_keeps_the_message() -> None:
    built = "region must be one of the 20 ISO 3166-2:KZ codes, got '99'"
    assert i18n.rule_message("region_code", built, "en") == built
    assert i18n.rule_message("region_code", built, "ru").startswith("регион должен быть")
    assert i18n.rule_message("region_code", built, "kk").startswith("өңір ISO 3166-2:KZ")
    # a rule without a sentence in the catalogue keeps the English message
    assert i18n.rule_message("no_such_rule", built, "kk") == built


def _rows(name: str) -> list[dict[str, str]]:
    with (reference.DATA / f"{name}.csv").open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source))


def test_the_region_file_names_every_region_in_three_languages() -> None:
    rows = _rows("regions")
    assert [r["code"] for r in rows] == sorted(REGIONS)
    assert all(r["en"] == REGIONS[r["code"]] for r in rows)
    assert all(r["ru"].strip() and r["kk"].strip() for r in rows)
    assert reference.region_name("35", "ru") == "Карагандинская область"
    assert reference.region_name("35", "kk") == "Қарағанды облысы"
    assert reference.region_name("35", "en") == "Karaganda"


def test_the_specialty_file_names_every_specialty_the_demo_and_tests_use() -> None:
    rows = {r["code"]: r for r in _rows("specialties")}
    assert set(SPECIALTIES) <= set(rows)
    assert all(r["en"] and r["ru"] and r["kk"] and len(r["code"]) == 8 for r in rows.values())
    assert reference.specialty_name("07320100", "kk") == "Дәнекерлеуші"
    assert reference.specialty_name("99999999", "ru") == "99999999"


def test_sizes_reasons_and_roles_have_names_in_each_language() -> None:
    from domain.agreements.records import TerminationReason
    from domain.participants.aggregates import EnterpriseSize
    from domain.shared.audit import Role
    from domain.targeted_training.records import WithdrawalReason

    for context, enum in (("enterprise-size", EnterpriseSize),
                          ("termination-reason", TerminationReason),
                          ("withdrawal-reason", WithdrawalReason), ("role", Role)):
        assert {m.value for m in enum} == set(reference.CONTEXTS[context]), context
    with i18n.use_locale("kk"):
        assert reference.closed_name("enterprise-size", "small") == "шағын"
        assert reference.closed_name("role", "mentor") == "тәлімгер"
    with i18n.use_locale("ru"):
        assert reference.closed_name("termination-reason", "expulsion") == "отчисление"


# A rule code as the code raises it: ``rule="..."`` in a call or ``rule = "..."`` on an
# error class. The sentence is what a Russian or Kazakh reader sees as a 4xx's detail.
RAISED_RULE = re.compile(r"""\brule(?:: str)?\s?=\s?["']([a-z0-9_]+)["']""")
# Rules whose detail is translated whole by gettext, naming the fields: a sentence for the
# rule would replace it with less.
TRANSLATED_WHOLE = {"validation"}


def rules_raised() -> set[str]:
    found = set()
    for package in ("domain", "application", "infrastructure", "interfaces"):
        for path in (ROOT / package).rglob("*.py"):
            found.update(RAISED_RULE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_rule_the_code_raises_has_its_sentence_in_every_catalogue() -> None:
    raised = rules_raised()
    assert {"check_digit", "suspension_overlap", "idempotency_key_reused"} <= raised
    for locale in LOCALES:
        sentences = {message_id for context, message_id in keys(locale) if context == "rule"}
        assert raised - TRANSLATED_WHOLE - sentences == set(), locale
        assert TRANSLATED_WHOLE & sentences == set(), locale

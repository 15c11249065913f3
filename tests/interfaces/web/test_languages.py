"""The dashboard, the monitoring files and the problem details in Russian, Kazakh and
English: chosen by Accept-Language, on the dashboard by ?lang= kept in a cookie, else by
DUALTRACK_DEFAULT_LOCALE; machine fields the same in every language."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from interfaces import i18n
from interfaces.web.i18n import LANG_COOKIE
from interfaces.web.resources.monitoring import exports
from tests.application.projections.world import BACKENDS
from tests.interfaces.web.views_world import ViewsWorld, views_world

DASHBOARD = "/dashboard"
DUAL = "/api/v1/monitoring/dual-training"
MONEY = re.compile(r"\d{1,3}(?:\u00a0\d{3})*,\d{2}\u00a0\u20b8")
LABELS = {"ru": ("Мониторинг дуального обучения", "Договоры по регионам", "Наставники",
                 "Карагандинская область"),
          "kk": ("Дуальды оқыту мониторингі", "Өңірлер бойынша шарттар", "Тәлімгерлер",
                 "Қарағанды облысы"),
          "en": ("Dual training monitoring", "Agreements by region", "Mentors", "Karaganda")}
FIRST_HEADERS = {"ru": ["Код региона", "Регион", "Год набора", "Участвующих предприятий"],
                 "kk": ["Өңір коды", "Өңір", "Қабылдау жылы", "Қатысушы кәсіпорындар"],
                 "en": ["Region code", "Region", "Intake year", "Enterprises involved"]}


@pytest.fixture(scope="module", params=BACKENDS)
def world(request, tmp_path_factory) -> Iterator[ViewsWorld]:
    with views_world(request.param, tmp_path_factory.mktemp("languages")) as built:
        yield built


def asking(locale: str) -> dict[str, str]:
    return {"Accept-Language": locale}


def largest_compensation(world: ViewsWorld) -> Decimal:
    return max(row.compensation_paid for row in
               world.projections.monitoring_dual_training("region"))


@pytest.mark.parametrize("locale", ["ru", "kk", "en"])
def test_the_dashboard_speaks_the_language_asked_for(world, locale):
    page = world.get(DASHBOARD, "auditor", None, **asking(locale))

    assert page.status_code == 200 and page.headers["Content-Language"] == locale
    text = page.get_data(as_text=True)
    assert f'<html lang="{locale}">' in text
    for label in LABELS[locale]:
        assert label in text, label
    largest = largest_compensation(world)
    assert largest > 0 and i18n.money(largest, locale) in text
    if locale == "en":
        assert "Мониторинг" not in text and not MONEY.search(text)
    else:
        assert "Dual training monitoring" not in text and MONEY.search(text)


def test_kazakh_money_is_written_with_spaces_a_decimal_comma_and_the_tenge_sign(world):
    text = world.get(DASHBOARD, "auditor", None, **asking("kk")).get_data(as_text=True)

    amounts = MONEY.findall(text)
    assert amounts and all(a.endswith(",00\u00a0\u20b8") or "," in a for a in amounts)
    assert "3\u00a0400\u00a0000,00\u00a0\u20b8" == i18n.money(Decimal("3400000"), "kk")


def test_the_lang_switch_is_kept_in_a_cookie_and_beats_accept_language(world):
    client = world.app.test_client()
    headers = {**world.headers("auditor"), "Accept-Language": "en"}

    switched = client.get(DASHBOARD, query_string={"lang": "kk"}, headers=headers)
    assert switched.status_code == 200 and "Дуальды оқыту мониторингі" in switched.get_data(
        as_text=True)
    assert LANG_COOKIE in switched.headers["Set-Cookie"]
    later = client.get(DASHBOARD, headers=headers)
    assert "Дуальды оқыту мониторингі" in later.get_data(as_text=True)
    download = client.get(f"{DASHBOARD}/dual-training.csv", headers=headers)
    assert download.get_data().decode("utf-8-sig").startswith('"Өңір коды";"Өңір"')


def test_without_accept_language_the_default_locale_is_russian(world):
    client = world.app.test_client()
    client.environ_base.pop("HTTP_ACCEPT_LANGUAGE", None)

    page = client.get(DASHBOARD, headers=world.headers("auditor"))
    assert page.headers["Content-Language"] == "ru"
    assert "Мониторинг дуального обучения" in page.get_data(as_text=True)


def csv_table(answer, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(answer.get_data().decode("utf-8-sig")),
                           delimiter=delimiter))


@pytest.mark.parametrize("locale", ["ru", "kk", "en"])
def test_a_csv_export_has_its_header_row_in_the_language_asked_for(world, locale):
    answer = world.get(f"{DUAL}.csv", "auditor", {"group_by": "region"}, **asking(locale))

    assert answer.status_code == 200
    delimiter = "," if locale == "en" else ";"
    header, *rows = csv_table(answer, delimiter)
    assert header[:4] == FIRST_HEADERS[locale]
    assert rows and all(len(row) == len(header) for row in rows)
    karaganda = next(row for row in rows if row[0] == "35")
    assert karaganda[1] == {"ru": "Карагандинская область", "kk": "Қарағанды облысы",
                            "en": "Karaganda"}[locale]
    if locale != "en":  # every field quoted, decimals with a comma for a ru/kk Excel
        body = answer.get_data().decode("utf-8-sig")
        first_line = body.split("\r\n")[0]
        assert first_line.startswith('"') and first_line.count('";"') == len(header) - 1
        paid = header.index({"ru": "Выплачено компенсаций, тенге",
                             "kk": "Төленген өтемақы, теңге"}[locale])
        assert all(re.fullmatch(r"\d+,\d{2}", row[paid]) for row in rows)


def test_the_xlsx_export_has_its_headers_in_the_language_asked_for(world):
    from openpyxl import load_workbook

    answer = world.get(f"{DUAL}.xlsx", "auditor", {"group_by": "region"}, **asking("kk"))
    sheet = load_workbook(io.BytesIO(answer.get_data())).active
    assert [c.value for c in sheet[1]][:3] == FIRST_HEADERS["kk"][:3]
    assert sheet.title == "Өңірлер бойынша дуальды оқыту"


RULE_SENTENCES = {"ru": "регион должен быть одним из 20 кодов ISO 3166-2:KZ",
                  "kk": "өңір ISO 3166-2:KZ бойынша 20 кодтың бірі болуы керек",
                  "en": "region must be one of the 20 ISO 3166-2:KZ codes, got '99'"}
SUMMARIES = {"ru": "в запросе неверно заполнены поля: region",
             "kk": "сұраныстың мына өрістері қате толтырылған: region",
             "en": "the request has invalid fields: region"}


@pytest.mark.parametrize("locale", ["ru", "kk", "en"])
def test_a_422_detail_is_in_the_language_asked_for_and_its_machine_fields_are_not(
        world, locale):
    answer = world.get(DUAL, "auditor", {"region": "99"}, **asking(locale))

    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    body = answer.json
    assert body["detail"] == SUMMARIES[locale]
    assert body["rule"] == "validation" and body["status"] == 422
    assert body["type"] == "tag:dualtrack.kz,2026:problem:validation"
    assert body["title"] == {"ru": "Неверные данные", "kk": "Деректер қате",
                             "en": "Unprocessable Entity"}[locale]
    assert list(body["errors"]) == ["region"]
    assert body["errors"]["region"] == {"rule": "region_code",
                                        "message": RULE_SENTENCES[locale]}


@pytest.mark.parametrize("locale", ["ru", "kk", "en"])
def test_the_dashboard_refuses_a_bad_region_in_the_language_asked_for(world, locale):
    page = world.get(DASHBOARD, "auditor", {"region": "99"}, **asking(locale))

    assert page.status_code == 422
    assert RULE_SENTENCES[locale].replace("'", "&#39;") in page.get_data(as_text=True)


@pytest.mark.parametrize(("locale", "detail"), [
    ("ru", "в запросе неверно заполнены поля: year"),
    ("kk", "сұраныстың мына өрістері қате толтырылған: year"),
    ("en", "the request has invalid fields: year"),
])
def test_a_validation_422_names_the_fields_in_the_language_asked_for(world, locale, detail):
    answer = world.get(DUAL, "auditor", {"year": "last"}, **asking(locale))

    assert answer.status_code == 422 and answer.json["rule"] == "validation"
    assert answer.json["detail"] == detail and list(answer.json["errors"]) == ["year"]


def test_a_name_that_would_be_a_formula_after_a_separator_is_guarded_in_every_language():
    table = exports.Table("t", ("label", "n"), ("Name", "Count"),
                          [("Acme;=1+2;", 1), ("=HYPERLINK(1)", 2), ("Plain, -3 units", 3),
                           ("Safe name", Decimal("2.50"))])
    for locale, delimiter in (("ru", ";"), ("kk", ";"), ("en", ",")):
        written = exports.to_csv(table, locale).decode("utf-8-sig")
        cells = [row[0] for row in csv.reader(io.StringIO(written), delimiter=delimiter)][1:]
        assert cells == ["Acme;'=1+2;", "'=HYPERLINK(1)", "Plain, '-3 units", "Safe name"]
        # split on ; as a ; locale's Excel would if it ignored the quotes: no cell is a formula
        for line in written.split("\r\n")[1:]:
            for piece in re.split(r"[;,]", line):
                assert not piece.strip().strip('"').startswith(("=", "+", "-", "@")), piece
        if delimiter == ";":
            assert '"Acme;\'=1+2;";"1"' in written and '"Safe name";"2,50"' in written


@pytest.mark.parametrize("path", [DASHBOARD, f"{DASHBOARD}/dual-training.csv"])
def test_the_sign_in_page_is_in_the_language_asked_for_and_offers_the_others(world, path):
    answer = world.app.test_client().get(path, headers=asking("kk"))

    assert answer.status_code == 401
    page = answer.get_data(as_text=True)
    assert "Кіру" in page and "Sign in" not in page
    assert 'hreflang="ru"' in page and 'hreflang="en"' in page and "lang=ru" in page

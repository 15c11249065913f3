"""The command line speaks DUALTRACK_DEFAULT_LOCALE: the import report and a refused
value in Russian or Kazakh, with rule codes and ids as they are."""

from __future__ import annotations

from pathlib import Path

from infrastructure.bootstrap import bootstrap
from interfaces.cli import main
from interfaces.i18n import use_locale
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    new_trainee_iin,
    register_organisations,
)
from tests.conftest import TODAY
from tests.interfaces.cli.test_cli import store  # noqa: F401  (fixture)
from tests.interfaces.cli.test_import import HEADER, line


def test_the_import_report_is_in_russian(store, tmp_path: Path, capsys):  # noqa: F811
    with bootstrap(store) as system:
        system.pin_today(lambda: TODAY)
        register_organisations(system)
    intake = tmp_path / "intake.csv"
    intake.write_text("\n".join([HEADER, line("RU-1", new_trainee_iin()),
                                 line("RU-2", "123")]), encoding="utf-8-sig")

    with use_locale("ru"):
        assert main(["import", "agreements", str(intake), "--college", COLLEGE_BIN,
                     "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "строк: 2, верных: 1, с ошибками: 1" in out and "(пробный прогон" in out
    assert "строка 3, trainee_iin:" in out and "(правило: length)" in out
    assert "значение недопустимой длины" in out


def test_a_refused_value_is_reported_in_kazakh(store, capsys):  # noqa: F811
    with use_locale("kk"):
        code = main(["token", "create", "--role", "college", "--bin", "123456789012"])
    assert code == 2
    err = capsys.readouterr().err
    assert "нөмірдің бақылау цифры қате" in err and "rule: check_digit" in err

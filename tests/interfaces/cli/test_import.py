"""``dualtrack import agreements``: the same parsing and job as the API, plain progress lines
when stderr is not a terminal, exit statuses 0 / 1 / 2."""

from __future__ import annotations

from pathlib import Path

from infrastructure.bootstrap import bootstrap
from interfaces.cli import main
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    new_trainee_iin,
    register_organisations,
)
from tests.conftest import TODAY
from tests.interfaces.cli.test_cli import store  # noqa: F401  (fixture)

HEADER = ("number;enterprise_bin;trainee_iin;trainee_full_name;specialty_code;qualification;"
          "start_date;end_date;planned_practice_months;workplace")


def line(number: str, iin: str) -> str:
    return (f"{number};{ENTERPRISE_BIN};{iin};Dana Akhmetova;07150200;Welder;01.09.2026;"
            f"30.06.2027;8;Shop 2")


def test_a_file_is_imported_with_plain_progress_lines_then_again_creates_nothing(
        store, tmp_path: Path, capsys):  # noqa: F811
    with bootstrap(store) as system:
        system.pin_today(lambda: TODAY)
        register_organisations(system)
    intake = tmp_path / "intake.csv"
    intake.write_text("\n".join([HEADER, line("CLI-1", new_trainee_iin()),
                                 line("CLI-2", new_trainee_iin())]), encoding="utf-8-sig")

    assert main(["import", "agreements", str(intake), "--college", COLLEGE_BIN]) == 0
    out, err = capsys.readouterr()
    assert "written 2/2 rows" in err
    assert "2 rows, 2 valid, 0 invalid, 2 created, 0 already present" in out

    assert main(["import", "agreements", str(intake), "--college", COLLEGE_BIN]) == 0
    assert "0 created, 2 already present" in capsys.readouterr().out


def test_a_row_with_an_error_is_reported_and_exit_is_1(store, tmp_path: Path, capsys):  # noqa: F811
    with bootstrap(store) as system:
        register_organisations(system)
    intake = tmp_path / "intake.csv"
    intake.write_text("\n".join([HEADER, line("CLI-3", "000000000000")]))
    assert main(["import", "agreements", str(intake), "--college", COLLEGE_BIN]) == 1
    assert "row 2, trainee_iin:" in capsys.readouterr().out


def test_a_file_it_cannot_read_exits_2(store, tmp_path: Path, capsys):  # noqa: F811
    intake = tmp_path / "intake.csv"
    intake.write_bytes(b"colour\nred\n")
    assert main(["import", "agreements", str(intake), "--college", COLLEGE_BIN]) == 2
    assert "unknown_column" in capsys.readouterr().err

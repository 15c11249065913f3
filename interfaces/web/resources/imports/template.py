"""The published template of an intake file: its columns, in three languages, and files.

A header is understood in English (the column's key), Russian or Kazakh, in any case,
or as the template writes it (``Russian / Kazakh / English``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from openpyxl import Workbook


@dataclass(frozen=True)
class Column:
    key: str  # the English header, and the name a report gives the column
    ru: str
    kk: str
    example: str
    required: bool = True

    @property
    def header(self) -> str:
        return f"{self.ru} / {self.kk} / {self.key}"

    @property
    def names(self) -> set[str]:
        return {normal(name) for name in (self.key, self.ru, self.kk, self.header)}


COLUMNS = (
    Column("number", "Номер договора", "Шарт нөмірі", "DT-2026-001"),
    Column("enterprise_bin", "БИН предприятия", "Кәсіпорынның БСН", "180440002025"),
    Column("trainee_iin", "ИИН обучающегося", "Білім алушының ЖСН", "060314600552"),
    Column("trainee_full_name", "ФИО обучающегося", "Білім алушының аты-жөні",
           "Dana Akhmetova"),
    Column("representative_iin", "ИИН законного представителя",
           "Заңды өкілдің ЖСН", "", required=False),
    Column("representative_full_name", "ФИО законного представителя",
           "Заңды өкілдің аты-жөні", "", required=False),
    Column("specialty_code", "Код специальности", "Мамандық коды", "07150200"),
    Column("qualification", "Квалификация", "Біліктілік", "Electric and gas welder"),
    Column("start_date", "Дата начала", "Басталу күні", "2026-09-01"),
    Column("end_date", "Дата окончания", "Аяқталу күні", "2027-06-30"),
    Column("planned_practice_months", "Плановые месяцы практики",
           "Жоспарланған практика айлары", "8"),
    Column("workplace", "Рабочее место", "Жұмыс орны", "Welding shop No. 2"),
)


def normal(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


BY_NAME = {name: column for column in COLUMNS for name in column.names}


def template_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    # With a BOM, so that a spreadsheet opens it as UTF-8.
    return "\ufeff".encode() + out.getvalue().encode()


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "agreements"
    sheet.append([column.header for column in COLUMNS])
    sheet.append([column.example for column in COLUMNS])
    for cells in sheet.iter_cols(min_row=1, max_row=2):
        for cell in cells:
            cell.number_format = "@"  # text: a leading zero or "=" stays as typed
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

"""Each row of an intake file parsed by the same schema as ``POST /agreements`` into the
same ``Register`` command, or into the ``RowError``s the schema found (field -> column).
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError

from application.agreements.commands import Register
from application.intake.columns import column_of
from domain.intake.records import RowError
from interfaces.web.fields.rules import rule_of
from interfaces.web.resources.agreements.schemas_in import AgreementIn

_SCHEMA = AgreementIn()
_IDENTIFIERS = ("enterprise_bin", "trainee_iin", "representative_iin")


def parse_row(number: int, cells: dict[str, str], college_bin: str
              ) -> Register | list[RowError]:
    try:
        return Register(**_SCHEMA.load(_body(cells, college_bin)))
    except ValidationError as error:
        return [RowError(number, column_of(field), rule_of(message), str(message))
                for field, message in _flat(error.messages)]


def _body(cells: dict[str, str], college_bin: str) -> dict[str, Any]:
    cells = dict(cells)
    for key in _IDENTIFIERS:
        # A spreadsheet that took a 12-digit identifier for a number drops its leading 0.
        value = cells.get(key, "")
        if value.isdigit() and len(value) == 11:
            cells[key] = value.zfill(12)
    months = cells.get("planned_practice_months", "")
    body: dict[str, Any] = {
        "number": cells.get("number", ""), "college_bin": college_bin,
        "enterprise_bin": cells.get("enterprise_bin", ""),
        "trainee": {"iin": cells.get("trainee_iin", ""),
                    "full_name": cells.get("trainee_full_name", "")},
        "specialty_code": cells.get("specialty_code", ""),
        "qualification": cells.get("qualification", ""),
        "start_date": cells.get("start_date", ""), "end_date": cells.get("end_date", ""),
        "planned_practice_months": int(months) if months.isdigit() else months,
        "workplace": cells.get("workplace", ""),
    }
    representative = (cells.get("representative_iin", ""),
                      cells.get("representative_full_name", ""))
    if any(representative):
        body["legal_representative"] = {"iin": representative[0],
                                        "full_name": representative[1]}
    return body


def _flat(messages: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """``{"trainee": {"iin": [m]}}`` -> ``[("trainee.iin", m)]`` (one message a field)."""
    if isinstance(messages, dict):
        return [pair for key, value in messages.items()
                for pair in _flat(value, f"{prefix}.{key}" if prefix else str(key))]
    if isinstance(messages, list) and messages and not isinstance(messages[0], (dict, list)):
        return [(prefix, messages[0])]
    if isinstance(messages, list):
        return [pair for value in messages for pair in _flat(value, prefix)]
    return [(prefix, messages)]

"""Where a registration's fields are in the file: the template's column of each field.

The domain's errors name fields as the HTTP body does (``trainee.iin``); a report names
the column a college sees in its file (``trainee_iin``, the template's English header).
"""

from __future__ import annotations

FIELD_COLUMNS = {
    "number": "number",
    "college_bin": "college_bin",
    "enterprise_bin": "enterprise_bin",
    "trainee": "trainee_iin",
    "trainee.iin": "trainee_iin",
    "trainee.full_name": "trainee_full_name",
    "legal_representative": "representative_iin",
    "legal_representative.iin": "representative_iin",
    "legal_representative.full_name": "representative_full_name",
    "specialty_code": "specialty_code",
    "qualification": "qualification",
    "term": "end_date",
    "start_date": "start_date",
    "end_date": "end_date",
    "planned_practice_months": "planned_practice_months",
    "workplace": "workplace",
}


def column_of(field: str) -> str:
    return FIELD_COLUMNS.get(field, field)

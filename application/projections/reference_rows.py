"""The organisations and certificates views.

Organisations give monitoring its names and the colleges' regions (a mentor
contract is counted in its college's region). Certificates come from the trainees'
work-experience credits: the view keeps, per agreement, the valid certificate (a
correction supersedes the earlier one) and when the first was issued, so "issued" and
"overdue" are decided at query time against today.
"""

from __future__ import annotations

from typing import Any

from application.projections.handlers import Handler, handlers_for, plain
from application.projections.ports import Row
from application.projections.pseudonyms import Pseudonyms
from application.projections.schema import CERTIFICATES, MENTORS, ORGANISATIONS

ORGANISATION = "dualtrack:participants.Organisation"
MENTOR = "dualtrack:participants.Mentor"
CREDIT = "dualtrack:work_experience.WorkExperienceCredit"


def _value(member: Any) -> str | None:
    return None if member is None else str(getattr(member, "value", member))


def _organisation(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    return {"bin": plain(event.bin), "kind": _value(event.kind), "name": event.name,
            "region": event.region, "size": _value(event.size), "oked": event.oked,
            "league": _value(event.league)}


def _certificate(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    first = event.issued_on if row is None else min(row["first_issued_on"], event.issued_on)
    return {"agreement_id": str(event.agreement_id), "number": event.number,
            "first_issued_on": first, "issued_on": event.issued_on,
            "credited_months": event.credited_months, "credited_days": event.credited_days,
            "corrections": 0 if row is None else row["corrections"] + 1,
            "updated_at": event.timestamp, "college_bin": plain(event.college_bin),
            "enterprise_bin": plain(event.enterprise_bin), "region": event.region}


def _mentor(event: Any, row: Row | None, keys: Pseudonyms) -> Row:
    return {"mentor_id": str(event.originator_id), "enterprise_bin": plain(event.enterprise_bin),
            "mentor_key": keys.mentor(plain(event.iin)), "active": 1,
            "version": event.originator_version, "registered_at": event.timestamp,
            "updated_at": event.timestamp}


HANDLERS: dict[str, Handler] = {
    **handlers_for(ORGANISATION, ORGANISATIONS, lambda event: plain(event.bin),
                   {"Registered": _organisation}),
    **handlers_for(MENTOR, MENTORS, lambda event: str(event.originator_id),
                   {"Registered": _mentor}),
    **handlers_for(CREDIT, CERTIFICATES, lambda event: str(event.agreement_id),
                   {"CertificateIssued": _certificate}),
}

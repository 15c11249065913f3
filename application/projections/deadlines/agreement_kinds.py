"""Deadlines on agreements: drafts unsigned, practice starting unprepared, certificates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from application.projections.deadlines.kinds import DeadlineKind, Facts, Item, Thresholds
from domain.shared.audit import Role

_COLLEGE = frozenset({Role.COLLEGE})
_ORGANISATIONS = frozenset({Role.COLLEGE, Role.ENTERPRISE})
_WHO_SIGNS = {"enterprise": Role.ENTERPRISE, "trainee": Role.TRAINEE}


class DraftUnsigned(DeadlineKind):
    """A draft not signed by every party within the days allowed after registration.

    The college sees every such draft (it registers them and records the paper
    signatures); the enterprise and the trainee those that wait for their own signature.
    """

    name, title, subject = "draft_unsigned", "Drafts unsigned", "agreement"

    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]:
        for row in facts.agreements:
            missing = [p for p in row["signatories"] if p not in row["signed_by"]]
            if row["status"] != "draft" or not missing or today < row["registered_on"]:
                continue
            parties = _COLLEGE | {_WHO_SIGNS[p] for p in missing if p in _WHO_SIGNS}
            yield self.item(
                due_on=row["registered_on"] + timedelta(days=limits.draft_signature_days),
                today=today, subject_id=row["agreement_id"], parties=parties,
                college_bin=row["college_bin"], region=row["region"],
                detail=f"agreement {row['number']} is not yet signed by "
                       f"{', '.join(p.replace('_', ' ') for p in missing)}",
                values={"number": row["number"], "parties": ",".join(missing)})


class PracticeStartUnprepared(DeadlineKind):
    """An active agreement starting within the days allowed, without a mentor or a safety
    briefing (rules 4 and 5): due on the start day, overdue after it."""

    name, title, subject = ("practice_start_unprepared", "Practice starts without a mentor "
                            "or a safety briefing", "agreement")

    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]:
        for row in facts.agreements:
            missing = [what for what, absent in (
                ("a mentor", row["current_mentor_key"] is None),
                ("a safety briefing", row["safety_briefing_on"] is None)) if absent]
            opens = row["start_date"] - timedelta(days=limits.practice_start_days)
            if row["status"] != "active" or not missing or today < opens:
                continue
            yield self.item(
                due_on=row["start_date"], today=today, subject_id=row["agreement_id"],
                parties=_ORGANISATIONS, college_bin=row["college_bin"], region=row["region"],
                detail=f"agreement {row['number']} starts on {row['start_date'].isoformat()} "
                       f"without {' and '.join(missing)}",
                values={"number": row["number"], "start_date": row["start_date"].isoformat(),
                        "missing": ",".join("mentor" if m == "a mentor" else "briefing"
                                            for m in missing)})


class CertificateUnissued(DeadlineKind):
    """A completed or terminated agreement without a work-experience certificate: due the
    days allowed after it closed (DOMAIN.md WorkExperienceCredit rule 4)."""

    name, title, subject = "certificate_unissued", "Certificates not issued", "agreement"

    def items(self, facts: Facts, today: date, limits: Thresholds) -> Iterator[Item]:
        for row in facts.agreements:
            closed = row["closed_on"]
            if (row["status"] not in ("completed", "terminated") or closed is None
                    or today < closed or row["agreement_id"] in facts.certified):
                continue
            yield self.item(
                due_on=closed + timedelta(days=limits.certificate_days), today=today,
                subject_id=row["agreement_id"], parties=_COLLEGE,
                college_bin=row["college_bin"], region=row["region"],
                detail=f"agreement {row['number']} was {row['status']} on "
                       f"{closed.isoformat()}: its work-experience certificate is not issued",
                values={"number": row["number"], "status": row["status"],
                        "closed_on": closed.isoformat()})

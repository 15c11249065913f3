"""`dualtrack demo`: a realistic sample in every state, loaded once however often it runs."""

from __future__ import annotations

import io

from application.security import SYSTEM
from domain.agreements.agreement import AgreementStatus
from domain.shared.identifiers import IIN
from interfaces import demo


def _positions(system) -> list[int]:  # type: ignore[no-untyped-def]
    return [app.recorder.max_notification_id() or 0 for app in system.applications]


def test_the_demo_covers_every_state_and_a_second_run_records_nothing_new(system) -> None:
    system.pin_today(demo_today)
    out = io.StringIO()
    report = demo.run(system, out)

    assert report.organisations == 9 and report.mentors >= 20
    assert sum(report.agreements.values()) == 200
    assert set(report.agreements) == {s.value for s in AgreementStatus}
    assert report.contracts >= 1 and report.acts >= 1 and report.payments >= 1
    assert report.reversals >= 1
    regions = {system.participants.organisation(c.bin).region
               for c in _colleges(system)}
    assert len(regions) >= 3
    certificates = _certificates(system)
    assert certificates and any(c.credited.months == 0 for c in certificates)
    assert "monitor national" in out.getvalue()
    assert set(report.claims) == {"submitted", "approved", "paid", "rejected", "claimed_again",
                                  "returned"}
    assert {type(e).__name__ for e in _claim_events(system)} == {
        "Submitted", "Approved", "Rejected", "PaymentRecorded", "PaymentReversed"}
    targeted = report.targeted
    assert set(targeted.orders) == {"submitted", "accepted", "rejected"}
    assert targeted.enrolments > 0 and targeted.graduates > 0 and targeted.employed > 0
    assert "targeted-training orders" in out.getvalue()

    before = _positions(system)
    participants_before = before[0]
    again = demo.run(system, io.StringIO())
    after = _positions(system)
    assert again.agreements == report.agreements
    assert again.targeted.orders == report.targeted.orders
    # Only the freshly printed tokens are new (their hashes go to participants).
    assert after[1:] == before[1:]
    assert after[0] - participants_before == 8


def demo_today():  # type: ignore[no-untyped-def]
    from datetime import date

    return date(2026, 11, 23)


def _colleges(system):  # type: ignore[no-untyped-def]
    from domain.shared.identifiers import compose_bin
    from interfaces.demo.data import COLLEGES

    return [system.participants.organisation(
        compose_bin(c["year"], c["month"], serial=c["serial"])) for c in COLLEGES]


def _certificates(system):  # type: ignore[no-untyped-def]
    found = []
    notifications = system.work_experience.recorder.select_notifications(start=1, limit=100000)
    trainees = set()
    for n in notifications:
        event = system.work_experience.mapper.to_domain_event(n)
        iin = getattr(event, "trainee_iin", None)
        if iin is not None:
            trainees.add(str(iin))
    for iin in trainees:
        found.extend(system.work_experience.credit_for(SYSTEM, IIN.parse(iin)).certificates)
    return found


def _claim_events(system):  # type: ignore[no-untyped-def]
    reimbursement = system.reimbursement
    events = [reimbursement.mapper.to_domain_event(n) for n in
              reimbursement.recorder.select_notifications(start=1, limit=100000)]
    return [e for e in events if type(e).TOPIC.startswith(
        "dualtrack:reimbursement.ReimbursementClaim.")]

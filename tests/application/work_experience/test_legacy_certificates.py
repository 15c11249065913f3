"""Certificates issued before verification codes existed (the store written at af242d7):
they load with no code, and the online check answers for them exactly as for an unknown
number; they are checked with the college that issued them (README, "Checking a
certificate"). No code is made up for them afterwards: the paper they were printed on
carries none."""

from __future__ import annotations

from domain.work_experience.certificate import CODE_ALPHABET, CODE_LENGTH
from domain.work_experience.credit import WorkExperienceCredit
from infrastructure.bootstrap import Dualtrack
from tests.application.test_stored_history import _aggregate_ids, old_system

__all__ = ["old_system"]


def test_old_certificates_load_without_a_code_and_never_verify(old_system: Dualtrack) -> None:
    app = old_system.work_experience
    certificates = [certificate
                    for aggregate_id in _aggregate_ids(app)
                    if isinstance(credit := app.repository.get(aggregate_id),
                                  WorkExperienceCredit)
                    for certificate in credit.certificates]

    assert certificates and {c.verification_code for c in certificates} == {None}
    for certificate in certificates[:5]:
        for guess in ("", CODE_ALPHABET[:CODE_LENGTH], "None"):
            assert app.verify_certificate(certificate.number, guess) is None

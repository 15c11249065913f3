"""Who reads a credit or a certificate, and who issues one (DOMAIN.md roles table)."""

from __future__ import annotations

import pytest

from application.errors import NotFoundError, PermissionDeniedError
from application.security import Principal
from application.work_experience.commands import CorrectCertificate, IssueCertificate
from domain.shared.audit import Role
from domain.shared.identifiers import IIN
from tests.application.agreements.fixtures import (
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    new_trainee_iin,
    principals,
)
from tests.application.work_experience.test_credit import with_suspension

OTHER_COLLEGE = Principal(Role.COLLEGE, OTHER_COLLEGE_BIN)
OTHER_ENTERPRISE = Principal(Role.ENTERPRISE, OTHER_ENTERPRISE_BIN)


def test_the_trainee_the_parties_and_the_auditor_read_the_credit(system):
    agreement = with_suspension(system)
    who = principals(agreement)
    iin = agreement.trainee_iin.value

    for reader in (who.trainee, who.college, who.enterprise, who.auditor):
        assert system.work_experience.credit_for(reader, IIN.parse(iin)).total.months == 9


def test_other_organisations_and_trainees_do_not_find_the_credit(system):
    agreement = with_suspension(system)
    iin = agreement.trainee_iin.value

    for stranger in (OTHER_COLLEGE, OTHER_ENTERPRISE, Principal(Role.TRAINEE, new_trainee_iin())):
        with pytest.raises(NotFoundError):
            system.work_experience.credit_for(stranger, IIN.parse(iin))


def test_monitors_and_mentors_may_not_read_a_credit(system):
    agreement = with_suspension(system)
    who = principals(agreement)

    for role in (who.monitor, who.mentor):
        with pytest.raises(PermissionDeniedError):
            system.work_experience.credit_for(role, agreement.trainee_iin)


def test_only_its_trainee_college_enterprise_and_auditors_read_a_certificate(system):
    agreement = with_suspension(system)
    who = principals(agreement)
    number = system.work_experience.issue_certificate(
        who.enterprise, IssueCertificate(agreement.id)).certificate.number

    for reader in (who.college, who.enterprise, who.trainee, who.auditor):
        assert system.work_experience.certificate(reader, number).number == number
    for outsider in (OTHER_COLLEGE, OTHER_ENTERPRISE, Principal(Role.TRAINEE,
                                                                 new_trainee_iin())):
        with pytest.raises(NotFoundError):
            system.work_experience.certificate(outsider, number)
    with pytest.raises(PermissionDeniedError):
        system.work_experience.certificate(who.monitor, number)


def test_anyone_with_the_number_and_the_code_verifies_a_certificate(system):
    agreement = with_suspension(system)
    issued = system.work_experience.issue_certificate(
        principals(agreement).enterprise, IssueCertificate(agreement.id)).certificate
    code = issued.verification_code
    assert code is not None

    assert system.work_experience.verify_certificate(issued.number, code) == issued
    assert system.work_experience.verify_certificate(issued.number, code.lower()) == issued
    assert system.work_experience.verify_certificate(issued.number, "2" * 12) is None
    assert system.work_experience.verify_certificate("WEC-NO-SUCH-1", code) is None


def test_only_the_agreements_enterprise_or_college_issues_and_corrects(system):
    agreement = with_suspension(system)
    who = principals(agreement)

    for outsider in (OTHER_COLLEGE, OTHER_ENTERPRISE):
        with pytest.raises(NotFoundError):
            system.work_experience.issue_certificate(
                outsider, IssueCertificate(agreement.id))
    for role in (who.trainee, who.auditor, who.monitor):
        with pytest.raises(PermissionDeniedError):
            system.work_experience.issue_certificate(
                role, IssueCertificate(agreement.id))
    number = system.work_experience.issue_certificate(
        who.college, IssueCertificate(agreement.id)).certificate.number
    with pytest.raises(NotFoundError):
        system.work_experience.supersede_certificate(
            OTHER_ENTERPRISE, CorrectCertificate(number, "typo"))
    with pytest.raises(PermissionDeniedError):
        system.work_experience.supersede_certificate(
            who.trainee, CorrectCertificate(number, "typo"))

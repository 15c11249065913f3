"""The intake import's job, on both stores: whole-file validation, modes, re-import, resume."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from application.agreements import commands as c
from application.errors import PermissionDeniedError
from application.intake.commands import SubmitImport
from application.security import Principal
from domain.agreements.terms import Person
from domain.intake.records import ImportMode, JobStatus, RowError
from domain.shared.audit import Role
from domain.shared.calendar import DatePeriod
from domain.shared.identifiers import BIN, IIN, compose_bin
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    END,
    ENTERPRISE_BIN,
    START,
    active_agreement,
    draft_agreement,
    new_trainee_iin,
    register_organisations,
)

COLLEGE = Principal(Role.COLLEGE, COLLEGE_BIN, correlation_id="import-1")
UNREGISTERED = compose_bin(2015, 1, serial=9).value


def row(number: str, trainee: str | None = None, *, enterprise: str = ENTERPRISE_BIN,
        start: date = START, end: date = END) -> c.Register:
    return c.Register(number=number, college_bin=BIN.parse(COLLEGE_BIN),
                      enterprise_bin=BIN.parse(enterprise),
                      trainee=Person(IIN.parse(trainee or new_trainee_iin()), "Dana Akhmetova"),
                      specialty_code="07150200", qualification="Electric and gas welder",
                      term=DatePeriod(start, end), planned_practice_months=8,
                      workplace="Welding shop No. 2")


def submit(system, registers, *, mode=ImportMode.ALL, problems=(), dry_run=False,
           principal=COLLEGE):
    rows = tuple((n, r) for n, r in enumerate(registers, start=2))
    return system.intake.submit(principal, SubmitImport(
        BIN.parse(COLLEGE_BIN), rows, tuple(problems), len(rows) + len(problems), mode,
        dry_run)).aggregate


def numbers(system) -> set[str]:
    college = BIN.parse(COLLEGE_BIN)
    return {n for n in (f"IM-{i}" for i in range(20))
            if system.agreements.find_by_number(college, n) is not None}


def test_a_valid_file_registers_every_row_in_batches(system):
    register_organisations(system)
    system.intake.batch_size = 2
    job = submit(system, [row(f"IM-{i}") for i in range(5)])
    batches = []

    done = system.intake.run(job.id, after_batch=batches.append)

    assert done.status is JobStatus.DONE
    assert done.created == [2, 3, 4, 5, 6] and done.errors == []
    assert batches == [[2, 3], [4, 5], [6]]
    assert numbers(system) == {f"IM-{i}" for i in range(5)}


def test_every_kind_of_error_is_reported_and_nothing_written_in_mode_all(system):
    register_organisations(system)
    taken = draft_agreement(system, number="IM-9")
    busy = active_agreement(system, number="IM-8", mentor_iin=None)
    twice = new_trainee_iin()
    minor = new_trainee_iin(born=date(2010, 1, 1))
    rows = [row("IM-0"), row("IM-1"), row("IM-1"),  # duplicate in the file (row 4)
            row("IM-9"),  # already recorded with other terms (row 5)
            row("IM-2", enterprise=UNREGISTERED),  # row 6
            row("IM-3", busy.trainee_iin.value),  # overlaps an active agreement (row 7)
            row("IM-4", twice), row("IM-5", twice),  # overlap inside the file (row 9)
            row("IM-6", minor)]  # a minor without a legal representative (row 10)
    parse_error = RowError(11, "trainee_iin", "iin_checksum", "the check digit is wrong")

    job = system.intake.run(submit(system, rows, problems=[parse_error]).id)

    rules = {(e.row, e.column, e.rule) for e in [*job.problems, *job.errors]}
    assert rules == {(4, "number", "duplicate_number"), (5, "number", "duplicate_number"),
                     (6, "enterprise_bin", "unknown_organisation"),
                     (7, "start_date", "trainee_overlap"), (9, "start_date", "trainee_overlap"),
                     (10, "representative_iin", "representative_required"),
                     (11, "trainee_iin", "iin_checksum")}
    assert all(e.detail for e in job.errors)
    assert job.status is JobStatus.DONE and job.created == []
    assert numbers(system) == {"IM-8", "IM-9"} and taken.number == "IM-9"


def test_mode_valid_writes_the_valid_rows_and_reports_the_rest(system):
    register_organisations(system)
    job = system.intake.run(submit(system, [row("IM-0"), row("IM-0"), row("IM-1")],
                                   mode=ImportMode.VALID).id)
    assert job.created == [2, 4]
    assert [(e.row, e.rule) for e in job.errors] == [(3, "duplicate_number")]
    assert numbers(system) == {"IM-0", "IM-1"}


def test_a_dry_run_validates_and_writes_nothing(system):
    register_organisations(system)
    job = system.intake.run(submit(system, [row("IM-0")], dry_run=True).id)
    assert job.status is JobStatus.DONE and job.errors == [] and job.created == []
    assert numbers(system) == set()


def test_the_same_file_twice_records_each_agreement_once(system):
    register_organisations(system)
    rows = [row(f"IM-{i}") for i in range(3)]
    system.intake.run(submit(system, rows).id)
    again = replace(COLLEGE, correlation_id="import-2")

    job = system.intake.run(submit(system, [*rows, row("IM-3")], principal=again).id)

    assert job.already_present == [2, 3, 4] and job.created == [5] and job.errors == []


def test_a_job_killed_half_way_resumes_without_writing_a_row_twice(system):
    register_organisations(system)
    system.intake.batch_size = 2
    job = submit(system, [row(f"IM-{i}") for i in range(5)])

    original = system.intake._write

    def write_then_die(job, principal, drafts, after_batch, progress):
        # The first batch's agreements are saved, the job never notes them.
        system.agreements.record(*(a for _, *pair in drafts[:2] for a in pair))
        raise KeyboardInterrupt

    system.intake._write = write_then_die
    with pytest.raises(KeyboardInterrupt):
        system.intake.run(job.id)
    system.intake._write = original
    assert system.intake.unfinished() == [job.id]

    done = system.intake.run(job.id)

    assert done.status is JobStatus.DONE
    assert done.created == [2, 3, 4, 5, 6] and done.already_present == []
    assert numbers(system) == {f"IM-{i}" for i in range(5)}
    assert system.intake.unfinished() == []


def test_a_job_stopped_between_batches_finishes_the_rest(system):
    register_organisations(system)
    system.intake.batch_size = 2
    job = submit(system, [row(f"IM-{i}") for i in range(5)])

    def stop(rows):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        system.intake.run(job.id, after_batch=stop)
    assert system.intake.job(COLLEGE, job.id).created == [2, 3]

    assert system.intake.run(job.id).created == [2, 3, 4, 5, 6]


def test_only_the_college_itself_imports(system):
    register_organisations(system)
    with pytest.raises(PermissionDeniedError):
        submit(system, [row("IM-0")], principal=Principal(Role.ENTERPRISE, ENTERPRISE_BIN))
    other = compose_bin(2010, 3, serial=3).value
    with pytest.raises(PermissionDeniedError):
        submit(system, [row("IM-0")], principal=Principal(Role.COLLEGE, other))

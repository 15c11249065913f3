"""``dualtrack import agreements FILE --college BIN [--dry-run] [--mode all|valid]``.

The file is read and parsed exactly as ``POST /api/v1/imports/agreements`` does (the
same reader, the same schema, the same ``Register`` commands), stored as a job and run
here, with a progress bar on a terminal (tqdm) and plain lines otherwise. Exit 0 when
every row was valid, 1 when the report lists errors, 2 for a file it cannot read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO
from uuid import uuid4

from application.intake.commands import SubmitImport
from application.security import Principal
from domain.intake.records import ImportMode
from domain.shared.audit import Role
from domain.shared.identifiers import BIN
from interfaces.cli.common import BAD_USAGE, FAILURE, OK, CommandError, opened, settings_from_env
from interfaces.i18n import _, rule_message
from interfaces.web.resources.imports.reading import FileProblem, read
from interfaces.web.resources.imports.rows import parse_row


def add_import(commands: Any, command: Callable[..., Any]) -> None:
    group = commands.add_parser("import", help="import agreements from a file",
                                description="import agreements from a file")
    sub = group.add_subparsers(title="commands", dest="import_command", metavar="COMMAND",
                               required=True)
    agreements = command(sub, "agreements", "register a whole intake of agreement drafts "
                         "from a CSV or XLSX file on the template", run)
    agreements.add_argument("file", type=Path, metavar="FILE")
    agreements.add_argument("--college", required=True, metavar="BIN",
                            help="the college whose agreements these are")
    agreements.add_argument("--dry-run", action="store_true",
                            help="validate the whole file and report; write nothing")
    agreements.add_argument("--mode", choices=[m.value for m in ImportMode], default="all",
                            help="all: nothing is written unless every row is valid (default); "
                                 "valid: write the valid rows, report the others")


def run(args: argparse.Namespace) -> int:
    settings = settings_from_env()
    college = BIN.parse(args.college)  # a wrong check digit: exit 2, field and rule
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {args.file}: {error.strerror}", BAD_USAGE) from None
    try:
        sheet = read(data, max_bytes=settings.import_max_bytes,
                     max_rows=settings.import_max_rows)
    except FileProblem as problem:
        raise CommandError(f"{args.file}: {problem.detail} (rule: {problem.rule})",
                           BAD_USAGE) from None
    rows, problems = [], []
    for number, cells in sheet.rows:
        parsed = parse_row(number, cells, college.value)
        if isinstance(parsed, list):
            problems += parsed
        else:
            rows.append((number, parsed))
    principal = Principal(Role.COLLEGE, college.value, correlation_id=f"cli-{uuid4().hex}")
    with opened(settings) as system:
        job = system.intake.submit(principal, SubmitImport(
            college, tuple(rows), tuple(problems), len(sheet.rows), ImportMode(args.mode),
            args.dry_run)).aggregate
        with progress(sys.stderr) as show:
            job = system.intake.run(job.id, progress=show)
        return print_report(job, system.intake.flagged(job), sys.stdout)


class progress:
    """A tqdm bar on a terminal; otherwise one plain line per batch written."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.bar: Any = None

    def __enter__(self) -> Callable[[int, int], None]:
        return self.show

    def show(self, done: int, total: int) -> None:
        if not self.out.isatty():
            print(_("written %(done)s/%(total)s rows", done=done, total=total), file=self.out,
                  flush=True)
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="row", file=self.out, desc="import")
        self.bar.update(done - self.bar.n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def print_report(job: Any, warnings: list[Any], out: TextIO) -> int:
    """The report in ``DUALTRACK_DEFAULT_LOCALE``; rule codes, statuses and ids as kept."""
    errors = sorted([*job.problems, *job.errors], key=lambda e: (e.row, e.column))
    for error in errors:
        print(_("row %(row)s, %(column)s: %(detail)s (rule: %(rule)s)", row=error.row,
                column=error.column or _("row"), detail=rule_message(error.rule, error.detail),
                rule=error.rule), file=out)
    for warning in warnings:
        print(_("row %(row)s, %(column)s: %(detail)s (flag: %(rule)s)", row=warning.row,
                column=warning.column, detail=rule_message(warning.rule, warning.detail),
                rule=warning.rule), file=out)
    invalid = len({e.row for e in errors})
    print(_("import %(id)s: %(status)s; %(rows)s rows, %(valid)s valid, %(invalid)s invalid, "
            "%(created)s created, %(present)s already present",
            id=job.id, status=job.status.value, rows=job.total, valid=job.total - invalid,
            invalid=invalid, created=len(job.created), present=len(job.already_present))
          + (_(" (dry run)") if job.dry_run else "")
          + (f"; {job.failure}" if job.failure else ""), file=out)
    return OK if not errors and job.status.value == "done" else FAILURE

"""The ``dualtrack`` command line: serve the API, issue tokens, load the demo, keep and
check the views, inspect the store.

Configuration comes only from ``Settings.from_env()``. Errors the user can fix are
printed on stderr as one line (no traceback). Exit status 0 is success, 1 a failure
or a finding (``audit verify``), 2 bad usage or input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from application.errors import NotFoundError
from application.participants.commands import IssueToken, RevokeToken
from application.projections.runner import BatchHook
from application.security import Principal
from domain.participants.access_token import parse_subject
from domain.shared.audit import Role
from domain.shared.errors import DomainError, InvalidValueError
from domain.shared.text import clean_text
from interfaces import i18n
from interfaces.cli import intake as cli_intake
from interfaces.cli import projections as cli_projections
from interfaces.cli.common import BAD_USAGE, CommandError, opened, settings_from_env
from interfaces.cli.serve import SQLITE_HELP, serve, worker_count
from interfaces.i18n import reference

__all__ = ["build_parser", "main", "worker_count"]

_SCOPE_FLAGS = ("bin", "iin", "region", "label")


def _token_create(args: argparse.Namespace) -> int:
    field, subject = next(((name, getattr(args, name)) for name in ("bin", "iin", "region")
                           if getattr(args, name) is not None), ("subject", None))
    role = Role(args.role)
    admin = Principal(Role.ADMIN, correlation_id="cli")
    with opened(settings_from_env()) as system:
        try:
            expires = (None if args.expires_in == 0 else
                       datetime.now(UTC) + timedelta(days=args.expires_in))
            command = IssueToken(
                role, parse_subject(role, subject, today=system.participants.today()),
                clean_text(args.label, "label", max_length=200, required=False), expires)
            token = system.participants.issue_token(admin, command)
        except InvalidValueError as error:
            # The application names fields; the user knows them as flags.
            where = error.field or field
            flag = f"; see --{where}" if where in _SCOPE_FLAGS else ""
            message = i18n.rule_message(error.rule, error.message)
            raise CommandError(f"{message} (field: {where}, rule: {error.rule}{flag})",
                               exit_code=BAD_USAGE) from None
    print(token)
    role_name = reference.closed_name("role", args.role)
    whom = i18n.gettext(" for %(field)s %(subject)s", field=field, subject=subject) \
        if subject else ""
    until = (i18n.gettext("valid until %(moment)s UTC", moment=f"{expires:%Y-%m-%d %H:%M}")
             if expires is not None else i18n.gettext("valid until revoked"))
    print("dualtrack token create: " + i18n.gettext(
        "a %(role)s token%(whom)s, %(until)s; it is shown only this once, store it now",
        role=role_name, whom=whom, until=until), file=sys.stderr)
    return 0


def _token_list(args: argparse.Namespace) -> int:
    admin = Principal(Role.ADMIN, correlation_id="cli")
    with opened(settings_from_env()) as system:
        tokens = system.participants.tokens(admin)
    now = datetime.now(UTC)
    _ = i18n.gettext
    header = (_("id"), _("role"), _("subject"), _("issued (UTC)"), _("expires (UTC)"), _("state"))
    print(f"{header[0]:<12}  {header[1]:<9} {header[2]:<14} {header[3]:<16}  {header[4]:<16}  "
          f"{header[5]:<8} " + _("label"))
    for token in tokens:
        # the role stays the machine word a client passes to --role
        state = (_("revoked") if token.revoked else _("expired") if not token.valid_at(now)
                 else _("valid"))
        expires = f"{token.expires_at:%Y-%m-%d %H:%M}" if token.expires_at else _("never")
        print(f"{token.token_id:<12}  {token.role.value:<9} {token.subject or '-':<14} "
              f"{token.created_on:%Y-%m-%d %H:%M}  {expires:<16}  {state:<8} {token.label}")
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    if (args.token is None) == (args.id is None):
        raise CommandError("dualtrack token revoke: give the token or --id (from token list)",
                           exit_code=BAD_USAGE)
    token = args.token if args.token != "-" else sys.stdin.readline().strip()
    admin = Principal(Role.ADMIN, correlation_id="cli")
    with opened(settings_from_env()) as system:
        try:
            reason = clean_text(args.reason, "reason", max_length=500)
            command = (RevokeToken(args.id, reason, by_id=True) if args.id is not None
                       else RevokeToken(token, reason))
            done = system.participants.revoke_token(admin, command)
        except InvalidValueError as error:
            raise CommandError(f"{error.message} (field: {error.field}, rule: {error.rule})",
                               exit_code=BAD_USAGE) from None
        except NotFoundError:
            raise CommandError("dualtrack token revoke: "
                               + i18n.gettext("no such token")) from None
    sentence = (i18n.gettext("the %(role)s token revoked; it is refused from the next request on",
                             role=reference.closed_name("role", done.aggregate.role.value)) if done.new else
                i18n.gettext("the %(role)s token was already revoked; it is refused from the "
                             "next request on",
                             role=reference.closed_name("role", done.aggregate.role.value)))
    print(f"dualtrack token revoke: {sentence}", file=sys.stderr)
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from infrastructure.migrations import SchemaNotReadyError, grant_runtime_role, migrate

    settings = settings_from_env()
    try:
        done = migrate(settings)
        if args.runtime_role:
            grant_runtime_role(settings, args.runtime_role)
    except SchemaNotReadyError as error:
        raise CommandError(f"dualtrack migrate: {error}") from None
    what = (i18n.gettext("schema version %(before)s -> %(after)s", before=done.before,
                         after=done.after) if done.changed
            else i18n.gettext("already at schema version %(after)s", after=done.after))
    print(f"dualtrack migrate: {settings.describe()}: {what}", file=sys.stderr)
    for name, (position, count) in sorted(done.chained.items()):
        print(f"dualtrack migrate: {name}: " + i18n.gettext(
            "the chain began at position %(position)s; the %(count)s event(s) stored before it "
            "were hashed as they were found", position=position, count=count), file=sys.stderr)
    if args.runtime_role:
        print("dualtrack migrate: " + i18n.gettext(
            "role %(role)s may read and append events, never update, delete or truncate them",
            role=args.runtime_role), file=sys.stderr)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from interfaces import demo

    settings = settings_from_env()
    with opened(settings) as system:
        demo.run(system, sys.stdout)
        # Bring the views up to date now, so the first list or dashboard shows the sample.
        projections = system.open_projections()
        try:
            projections.catch_up()
        finally:
            projections.close()
    return 0


def _info(args: argparse.Namespace) -> int:
    settings = settings_from_env()
    with opened(settings) as system:
        print(f"backend: {settings.describe()}")
        for app in system.applications:
            print(f"{app.name}: last notification {app.recorder.max_notification_id() or 0}")
    return 0


# wiring ----------------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dualtrack")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dualtrack",
        description="System of record for dual-training agreements in Kazakhstan's colleges.",
        epilog="The store comes from the environment: SQLite files under ./dualtrack-data "
               "(DUALTRACK_DATA_DIR) by default, PostgreSQL with DATABASE_URL or POSTGRES_*.")
    parser.add_argument("--version", action="version", version=f"dualtrack {_version()}")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")
    _add_serve(commands)
    _add_token(commands)
    migrate_ = _command(commands, "migrate", "create or upgrade every table (once per "
                        "PostgreSQL store, before serve; SQLite does it by itself)", _migrate)
    migrate_.add_argument("--runtime-role", metavar="NAME",
                          help="PostgreSQL: grant this existing role what serve needs: SELECT "
                               "and INSERT on events, hashes and snapshots (no UPDATE, DELETE "
                               "or TRUNCATE), read and write on the views")
    _command(commands, "demo", "load a realistic sample and print one token per role", _demo)
    _add_projections(commands)
    _add_audit(commands)
    cli_intake.add_import(commands, _command)
    _command(commands, "info", "show the store in use and each application's last position",
             _info)
    return parser


def _add_serve(commands: Any) -> None:
    serve_ = _command(commands, "serve", "run the HTTP API (gunicorn)", serve,
                      epilog=SQLITE_HELP)
    serve_.add_argument("--host", default="127.0.0.1",
                        help="address to bind (default %(default)s)")
    serve_.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    serve_.add_argument("--workers", type=_positive, metavar="N",
                        help="worker processes (default: 1 on SQLite, DUALTRACK_WEB_WORKERS "
                             "on PostgreSQL)")
    serve_.add_argument("--threads", type=_positive, default=4, metavar="N",
                        help="threads per worker (default %(default)s)")
    serve_.add_argument("--dev", action="store_true",
                        help="run Flask's development server instead (never in production)")


def _add_token(commands: Any) -> None:
    token = _group(commands, "token", "manage access tokens")
    create = _command(token, "create", "issue a new token and print it once", _token_create)
    roles = [role.value for role in Role if role is not Role.SYSTEM]
    create.add_argument("--role", required=True, choices=roles)
    scope = create.add_mutually_exclusive_group()
    scope.add_argument("--bin", help="the organisation of a college or enterprise token")
    scope.add_argument("--iin", help="the person of a trainee or mentor token")
    scope.add_argument("--region", metavar="CODE",
                       help="a regional monitor's region (ISO 3166-2:KZ number, e.g. 35); "
                            "without it a monitor token is national")
    create.add_argument("--label", default="", help="a note on whom the token is for")
    create.add_argument("--expires-in", type=_days, default=90, metavar="DAYS",
                        help="days until the token stops working (default %(default)s; 0: "
                             "never)")
    _command(token, "list", "list every token: id, role, subject, issued, expiry, state",
             _token_list)
    revoke = _command(token, "revoke", "revoke a token: refused at once by every process",
                      _token_revoke)
    revoke.add_argument("token", nargs="?", help="the token to revoke ('-' reads it from "
                        "stdin, which keeps it out of the shell's history)")
    revoke.add_argument("--id", help="the token's id, as `dualtrack token list` shows it")
    revoke.add_argument("--reason", required=True, help="why it is revoked (kept in history)")


def _add_projections(commands: Any) -> None:
    projections = _group(commands, "projections",
                         "keep, rebuild and inspect the list and monitoring views")
    run = _command(projections, "run", "keep the views current until SIGTERM or Ctrl-C "
                   "(the worker process; on SQLite 'serve' does it too)", cli_projections.run)
    run.add_argument("--once", action="store_true",
                     help="apply what is pending, then exit")
    run.add_argument("--batch-size", type=_positive, default=1000, metavar="N",
                     help="notifications per transaction (default %(default)s)")
    _command(projections, "rebuild", "rebuild every view from the first event (progress on "
             "stderr) and swap it in", cli_projections.rebuild)
    _command(projections, "status", "print each source's view position, head and lag; "
             "exit 1 if the views need a rebuild", cli_projections.status)


def _add_audit(commands: Any) -> None:
    audit = _group(commands, "audit", "check the stored history")
    verify = _command(audit, "verify", "check every event's hash chain (against the last "
                      "seal) and compare every view with a rebuild from the first event; "
                      "exit 1 on any break or difference", cli_projections.audit_verify)
    verify.add_argument("--seal", metavar="FILE",
                        help="check against this seal (written by 'audit seal --out') "
                             "instead of the last one in the database")
    verify.add_argument("--limit", type=int, default=100, metavar="N",
                        help="breaks reported per application (default %(default)s; 0: all)")
    seal = _command(audit, "seal", "record a checkpoint of every event chain: each "
                    "application's last position and a Merkle root over its aggregates' "
                    "head hashes; refused while a chain is broken", cli_projections.audit_seal)
    seal.add_argument("--out", metavar="FILE",
                      help="also write the seal to FILE, to keep outside the database")


def _group(commands: Any, name: str, summary: str) -> Any:
    group = commands.add_parser(name, help=summary, description=summary)
    return group.add_subparsers(title="commands", dest=f"{name}_command", metavar="COMMAND",
                                required=True)


def _command(commands: Any, name: str, summary: str,
             run: Callable[[argparse.Namespace], int], epilog: str | None = None
             ) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=summary, description=summary,
                                                          epilog=epilog)
    parser.set_defaults(run=run)
    return parser


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 3650:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days from 0 to 3650")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def main(argv: Sequence[str] | None = None, *, before_commit: BatchHook | None = None) -> int:
    """``before_commit``: called inside each projection batch's transaction (the crash
    test holds a batch open with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.before_commit = before_commit
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return BAD_USAGE
    command = " ".join(filter(None, (args.command,
                                     getattr(args, f"{args.command}_command", None))))
    try:
        return int(args.run(args))
    except CommandError as error:
        print(f"dualtrack {command}: {error}", file=sys.stderr)
        return error.exit_code
    except DomainError as error:
        print(f"dualtrack {command}: {i18n.rule_message(error.rule, error.message)} "
              f"(rule: {error.rule})", file=sys.stderr)
        return BAD_USAGE
    except KeyboardInterrupt:
        return 130


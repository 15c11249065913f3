"""The ``dualtrack`` command line: serve the API, issue tokens, load the demo, inspect the store.

Configuration comes only from ``Settings.from_env()``. Errors the user can fix are
printed on stderr as one line (no traceback) with exit status 2 for bad input and
1 for everything else.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import PersistenceError

from application.security import Principal
from domain.audit import Role
from domain.errors import DomainError, InvalidValueError
from infrastructure.settings import Settings

if TYPE_CHECKING:
    from infrastructure.bootstrap import Dualtrack

SQLITE_HELP = ("On the SQLite default the server runs one worker process with threads: SQLite "
               "lets one writer at a time hold a file's lock, so separate worker processes would "
               "only queue for it. With PostgreSQL, workers default to DUALTRACK_WEB_WORKERS.")


class CommandError(Exception):
    """A failure the user can fix: reported in one line, without a traceback."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as error:
        raise CommandError(f"configuration: {error}", exit_code=2) from None


@contextmanager
def _opened(settings: Settings) -> Iterator[Dualtrack]:
    from infrastructure.bootstrap import bootstrap

    try:
        system = bootstrap(settings)
    except PersistenceError as error:
        raise CommandError(f"cannot open the store ({settings.describe()}): {error}") from None
    except ValueError as error:  # a malformed DUALTRACK_CIPHER_KEY, say
        hint = (" (DUALTRACK_CIPHER_KEY must be base64 of 16, 24 or 32 bytes)"
                if settings.cipher_key else "")
        raise CommandError(f"configuration: {error}{hint}", exit_code=2) from None
    with system:
        yield system


# serve -----------------------------------------------------------------------------


def _serve(args: argparse.Namespace) -> int:
    settings = _settings()
    if args.dev:
        from interfaces.web import create_app

        create_app(settings=settings).run(host=args.host, port=args.port, debug=True,
                                          use_reloader=False)
        return 0
    workers = worker_count(settings, args.workers)
    if settings.backend == "sqlite" and workers > 1:
        print(f"dualtrack serve: warning: {workers} worker processes will queue for the "
              "SQLite write lock; one worker with threads is the better choice", file=sys.stderr)
    # Open the store once before forking, so that its tables exist before the workers
    # start (concurrent CREATE TABLE races on PostgreSQL); close it so that nothing
    # holding a connection crosses the fork.
    with _opened(settings):
        pass
    print(f"dualtrack serve: http://{args.host}:{args.port} with {workers} worker(s) x "
          f"{args.threads} threads; store: {settings.describe()}", file=sys.stderr)
    _gunicorn_server({
        "bind": f"{args.host}:{args.port}", "workers": workers, "worker_class": "gthread",
        "threads": args.threads, "accesslog": "-", "preload_app": False,
        "proc_name": "dualtrack",
    }).run()
    return 0


def worker_count(settings: Settings, requested: int | None) -> int:
    """Worker processes for gunicorn: one on SQLite (its single writer lock), else configured."""
    if requested is not None:
        return requested
    return 1 if settings.backend == "sqlite" else settings.web_workers


def _gunicorn_server(options: dict[str, Any]) -> Any:
    from gunicorn.app.base import BaseApplication

    class DualtrackServer(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            # Called in each worker after the fork (no preload): every worker builds
            # its own Application objects and database connections.
            from interfaces.web.wsgi import app

            return app()

    return DualtrackServer()


# token create ----------------------------------------------------------------------


def _token_create(args: argparse.Namespace) -> int:
    field, subject = next(((name, getattr(args, name)) for name in ("bin", "iin", "region")
                           if getattr(args, name) is not None), ("subject", None))
    admin = Principal(Role.ADMIN, correlation_id="cli")
    with _opened(_settings()) as system:
        try:
            token = system.participants.issue_token(admin, args.role, subject, args.label)
        except InvalidValueError as error:
            raise _invalid(error, field) from None
    print(token)
    whom = f" for {field} {subject}" if subject else ""
    print(f"dualtrack token create: a {args.role} token{whom}; it is shown only this once, "
          "store it now", file=sys.stderr)
    return 0


def _invalid(error: InvalidValueError, field: str) -> CommandError:
    return CommandError(f"{error.message} (field: {error.field or field}, rule: {error.rule})",
                        exit_code=2)


# demo and info ---------------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    try:
        demo = importlib.import_module("interfaces.demo")
    except ModuleNotFoundError as error:
        if error.name != "interfaces.demo":
            raise
        raise CommandError("the demo is not part of this build (interfaces/demo.py is "
                           "missing)") from None
    with _opened(_settings()) as system:
        demo.run(system, sys.stdout)
    return 0


def _info(args: argparse.Namespace) -> int:
    settings = _settings()
    with _opened(settings) as system:
        print(f"backend: {settings.describe()}")
        for app in system.applications:
            print(f"{app.name}: last notification {app.recorder.max_notification_id() or 0}")
    return 0


# wiring ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dualtrack",
        description="System of record for dual-training agreements in Kazakhstan's colleges.",
        epilog="The store comes from the environment: SQLite files under ./dualtrack-data "
               "(DUALTRACK_DATA_DIR) by default, PostgreSQL with DATABASE_URL or POSTGRES_*.")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")

    serve = _command(commands, "serve", "run the HTTP API (gunicorn)", _serve,
                     epilog=SQLITE_HELP)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port (default %(default)s)")
    serve.add_argument("--workers", type=_positive, metavar="N",
                       help="worker processes (default: 1 on SQLite, DUALTRACK_WEB_WORKERS "
                            "on PostgreSQL)")
    serve.add_argument("--threads", type=_positive, default=4, metavar="N",
                       help="threads per worker (default %(default)s)")
    serve.add_argument("--dev", action="store_true",
                       help="run Flask's development server instead (never in production)")

    token = commands.add_parser("token", help="manage access tokens")
    token_commands = token.add_subparsers(title="commands", dest="token_command",
                                          metavar="COMMAND", required=True)
    create = _command(token_commands, "create", "issue a new token and print it once",
                      _token_create)
    roles = [role.value for role in Role if role is not Role.SYSTEM]
    create.add_argument("--role", required=True, choices=roles)
    scope = create.add_mutually_exclusive_group()
    scope.add_argument("--bin", help="the organisation of a college or enterprise token")
    scope.add_argument("--iin", help="the person of a trainee or mentor token")
    scope.add_argument("--region", metavar="CODE",
                       help="a regional monitor's region (ISO 3166-2:KZ number, e.g. 35); "
                            "without it a monitor token is national")
    create.add_argument("--label", default="", help="a note on whom the token is for")

    _command(commands, "demo", "load a realistic sample and print one token per role", _demo)
    _command(commands, "info", "show the store in use and each application's last position",
             _info)
    return parser


def _command(commands: Any, name: str, summary: str,
             run: Callable[[argparse.Namespace], int], epilog: str | None = None
             ) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, help=summary, description=summary,
                                                          epilog=epilog)
    parser.set_defaults(run=run)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    command = " ".join(filter(None, (args.command, getattr(args, "token_command", None))))
    try:
        return int(args.run(args))
    except CommandError as error:
        print(f"dualtrack {command}: {error}", file=sys.stderr)
        return error.exit_code
    except DomainError as error:
        print(f"dualtrack {command}: {error.message} (rule: {error.rule})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

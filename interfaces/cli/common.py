"""What every ``dualtrack`` command shares: one-line errors and opening the store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from eventsourcing.persistence import PersistenceError

from infrastructure.settings import Settings

if TYPE_CHECKING:
    from infrastructure.bootstrap import Dualtrack

# Exit statuses of every command.
OK, FAILURE, BAD_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure the user can fix: reported in one line, without a traceback."""

    def __init__(self, message: str, exit_code: int = FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def settings_from_env() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as error:
        raise CommandError(f"configuration: {error}", exit_code=BAD_USAGE) from None


def runtime_settings() -> Settings:
    """Settings for a long-running process (``serve``, ``projections``).

    On PostgreSQL it never creates tables: the store must be at this code's schema
    version (``dualtrack migrate``), or the command stops here with that advice.
    """
    settings = settings_from_env()
    if settings.backend == "sqlite":
        return settings
    from infrastructure.migrations import SchemaNotReadyError, require_current_schema

    try:
        require_current_schema(settings)
    except SchemaNotReadyError as error:
        raise CommandError(str(error)) from None
    except Exception as error:  # noqa: BLE001 - psycopg's OperationalError, without importing it
        raise CommandError(f"cannot reach the store ({settings.describe()}): "
                           f"{str(error).strip()}") from None
    return settings.without_creating_tables()


@contextmanager
def opened(settings: Settings) -> Iterator[Dualtrack]:
    """The bootstrapped applications, closed on exit; store problems as ``CommandError``."""
    # Imported here: the composition root imports every application.
    from infrastructure.bootstrap import bootstrap

    try:
        system = bootstrap(settings)
    except PersistenceError as error:
        raise CommandError(f"cannot open the store ({settings.describe()}): {error}") from None
    except ValueError as error:  # a malformed DUALTRACK_CIPHER_KEY, say
        hint = (" (DUALTRACK_CIPHER_KEY must be base64 of 16, 24 or 32 bytes)"
                if settings.cipher_key else "")
        raise CommandError(f"configuration: {error}{hint}", exit_code=BAD_USAGE) from None
    with system:
        yield system

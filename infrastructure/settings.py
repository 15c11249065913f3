"""All configuration, read from the environment in one place.

Nothing configured: SQLite files under ``./dualtrack-data``. ``DATABASE_URL``
(``postgresql://user:pass@host:port/db``) or the ``POSTGRES_*`` variables:
PostgreSQL. ``POSTGRES_ENABLE_DB_FUNCTIONS`` is never passed on: with concurrent
writers it lets subscribers skip events.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

_POSTGRES_KEYS = (
    "POSTGRES_DBNAME", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER",
    "POSTGRES_PASSWORD", "POSTGRES_SCHEMA", "POSTGRES_LOCK_TIMEOUT",
)


def _postgres_from_url(url: str) -> dict[str, str]:
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql", "postgresql+psycopg"):
        raise ValueError(f"DATABASE_URL must be postgresql://..., got scheme {parsed.scheme!r}")
    values = {
        "POSTGRES_HOST": parsed.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parsed.port or 5432),
        "POSTGRES_USER": unquote(parsed.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parsed.password or ""),
        "POSTGRES_DBNAME": (parsed.path or "/").lstrip("/") or "postgres",
    }
    return values


def _flag(text: str) -> bool:
    return text.strip().lower() not in ("no", "n", "false", "0", "off")


LOCALES = ("ru", "kk", "en")


def _locale(text: str) -> str:
    locale = text.strip().lower()
    if locale not in LOCALES:
        raise ValueError(f"DUALTRACK_DEFAULT_LOCALE must be one of {', '.join(LOCALES)}, "
                         f"got {text!r}")
    return locale


def _duration(name: str, text: str) -> timedelta:
    """Seconds, or a number with ``s``, ``m``, ``h`` or ``d``: ``86400``, ``24h``."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    cleaned = text.strip().lower()
    unit = units.get(cleaned[-1:], 0)
    try:
        value = float(cleaned[:-1] if unit else cleaned) * (unit or 1)
    except ValueError:
        raise ValueError(f"{name} must be seconds or a number with s, m, h or d "
                         f"(24h), got {text!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be more than 0, got {text!r}")
    return timedelta(seconds=value)


def _at_least(minimum: int, name: str, text: str) -> int:
    value = int(text)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


# Each read from DUALTRACK_<NAME IN CAPITALS>, defaulting to the field's default.
_DEADLINE_SETTINGS = (
    "deadline_draft_days", "deadline_practice_start_days", "deadline_act_approval_days",
    "deadline_act_payment_days", "deadline_certificate_days", "deadline_claim_decision_days",
    "deadline_graduate_months",
)


@dataclass(frozen=True)
class Settings:
    postgres: Mapping[str, str] = field(default_factory=dict)
    data_dir: Path = Path("dualtrack-data")
    cipher_key: str = ""
    mentor_max_trainees: int = 5
    credit_min_months: int = 6
    credit_max_months: int = 18
    web_workers: int = 2
    snapshot_interval: int = 50
    # Whether opening the store creates missing tables. SQLite: always (zero set-up).
    # PostgreSQL: ``dualtrack migrate`` creates them once; ``serve`` and ``projections
    # run`` turn this off (DUALTRACK_CREATE_TABLES=no) so that workers starting together
    # never race on the library's CREATE OR REPLACE FUNCTION.
    create_tables: bool = True
    # One pool per process on PostgreSQL (infrastructure/pool.py): its size, and how long a
    # request waits for a connection before it is answered 503.
    db_pool_size: int = 8
    db_pool_timeout: float = 5.0
    # Whether each `serve` worker on PostgreSQL runs a projector thread (one leads at a
    # time, by an advisory lock); off when only `projections run` should apply batches.
    serve_projector: bool = True
    # /readyz turns 503 beyond these (the views' lag in events; seconds without progress).
    ready_max_lag: int = 1000
    ready_max_lag_seconds: float = 30.0
    import_max_bytes: int = 20 * 1024 * 1024
    import_max_rows: int = 20_000
    import_batch_size: int = 500
    # How long an Idempotency-Key's answer is kept (and replayed) after its request.
    idempotency_ttl: timedelta = timedelta(hours=24)
    deadline_draft_days: int = 14
    deadline_practice_start_days: int = 14
    deadline_act_approval_days: int = 10
    deadline_act_payment_days: int = 30
    deadline_certificate_days: int = 30
    deadline_claim_decision_days: int = 15
    deadline_graduate_months: int = 6
    # The language of pages, files, problem details and CLI messages when the caller asks
    # for none of ru, kk, en (DUALTRACK_DEFAULT_LOCALE).
    default_locale: str = "ru"
    # Origins allowed to call the API from a browser (CORS); none by default.
    cors_origins: tuple[str, ...] = ()
    # Requests per token and, separately, per client IP ("600/minute"; "off" for none).
    rate_limit: str = "600/minute"
    # Certificate checks without a token, per client IP, on top of rate_limit: a guesser
    # of verification codes gets this many tries ("off" for no extra limit).
    verification_rate_limit: str = "30/minute"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        postgres: dict[str, str] = {}
        if env.get("DATABASE_URL"):
            postgres.update(_postgres_from_url(env["DATABASE_URL"]))
        for key in _POSTGRES_KEYS:
            if env.get(key):
                postgres[key] = env[key]
        if postgres:
            postgres.setdefault("POSTGRES_HOST", "127.0.0.1")
            postgres.setdefault("POSTGRES_PORT", "5432")
            postgres.setdefault("POSTGRES_USER", "postgres")
            postgres.setdefault("POSTGRES_PASSWORD", "")
            postgres.setdefault("POSTGRES_DBNAME", "postgres")
        return cls(
            postgres=postgres,
            data_dir=Path(env.get("DUALTRACK_DATA_DIR", "dualtrack-data")),
            cipher_key=env.get("DUALTRACK_CIPHER_KEY", ""),
            mentor_max_trainees=int(env.get("DUALTRACK_MENTOR_MAX_TRAINEES", "5")),
            credit_min_months=int(env.get("DUALTRACK_CREDIT_MIN_MONTHS", "6")),
            credit_max_months=int(env.get("DUALTRACK_CREDIT_MAX_MONTHS", "18")),
            web_workers=int(env.get("DUALTRACK_WEB_WORKERS", "2")),
            create_tables=_flag(env.get("DUALTRACK_CREATE_TABLES", "yes")),
            db_pool_size=_at_least(2, "DUALTRACK_DB_POOL_SIZE", env.get("DUALTRACK_DB_POOL_SIZE", "8")),
            db_pool_timeout=float(env.get("DUALTRACK_DB_POOL_TIMEOUT", "5")),
            serve_projector=_flag(env.get("DUALTRACK_SERVE_PROJECTOR", "yes")),
            ready_max_lag=int(env.get("DUALTRACK_READY_MAX_LAG", "1000")),
            ready_max_lag_seconds=float(env.get("DUALTRACK_READY_MAX_LAG_SECONDS", "30")),
            import_max_bytes=int(env.get("DUALTRACK_IMPORT_MAX_BYTES", str(20 * 1024 * 1024))),
            import_max_rows=int(env.get("DUALTRACK_IMPORT_MAX_ROWS", "20000")),
            import_batch_size=int(env.get("DUALTRACK_IMPORT_BATCH_SIZE", "500")),
            default_locale=_locale(env.get("DUALTRACK_DEFAULT_LOCALE", "ru")),
            idempotency_ttl=_duration("DUALTRACK_IDEMPOTENCY_TTL",
                                      env.get("DUALTRACK_IDEMPOTENCY_TTL", "24h")),
            **{name: int(env.get(f"DUALTRACK_{name.upper()}", str(getattr(cls, name))))
               for name in _DEADLINE_SETTINGS},
            cors_origins=tuple(origin.strip() for origin in
                               env.get("DUALTRACK_CORS_ORIGINS", "").split(",")
                               if origin.strip()),
            rate_limit=env.get("DUALTRACK_RATE_LIMIT", cls.rate_limit).strip(),
            verification_rate_limit=env.get("DUALTRACK_VERIFICATION_RATE_LIMIT",
                                            cls.verification_rate_limit).strip(),
        )

    @property
    def backend(self) -> str:
        return "postgres" if self.postgres else "sqlite"

    def pool_env(self) -> dict[str, str]:
        """What names the process's shared pool (the view store asks for the same one)."""
        return {**self.postgres, "POSTGRES_LOCK_TIMEOUT": self.postgres.get(
                    "POSTGRES_LOCK_TIMEOUT", "10"),
                "DUALTRACK_DB_POOL_SIZE": str(self.db_pool_size),
                "DUALTRACK_DB_POOL_TIMEOUT": str(self.db_pool_timeout)}

    def without_creating_tables(self) -> Settings:
        return replace(self, create_tables=False)

    def with_postgres_schema(self, schema: str) -> Settings:
        return replace(self, postgres={**self.postgres, "POSTGRES_SCHEMA": schema})

    def describe(self) -> str:
        if self.backend == "sqlite":
            return f"SQLite in {self.data_dir.resolve()}"
        p = self.postgres
        schema = p.get("POSTGRES_SCHEMA") or "public"
        return (f"PostgreSQL {p['POSTGRES_USER']}@{p['POSTGRES_HOST']}:{p['POSTGRES_PORT']}"
                f"/{p['POSTGRES_DBNAME']} (schema {schema})")

    def sqlite_path(self, name: str) -> Path:
        return self.data_dir / f"{name}.sqlite"

    def app_env(self, name: str) -> dict[str, str]:
        """The eventsourcing environment for the application called ``name``."""
        creates = self.create_tables or self.backend == "sqlite"
        env: dict[str, str] = {"CREATE_TABLE": "yes" if creates else "no"}
        if self.backend == "postgres":
            # Every application draws on the process's one pool (infrastructure/pool.py).
            env["PERSISTENCE_MODULE"] = "infrastructure.pool:SharedPostgresFactory"
            env.update(self.postgres)
            env.setdefault("POSTGRES_LOCK_TIMEOUT", "10")
            env.update(self.pool_env())
        else:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            env["PERSISTENCE_MODULE"] = "infrastructure.history.recorders:ChainedSQLiteFactory"
            env["SQLITE_DBNAME"] = str(self.sqlite_path(name))
            env["SQLITE_LOCK_TIMEOUT"] = "30"
        if self.cipher_key:
            # AES-GCM bound to each row's topic, aggregate and version (it still reads
            # the library's unbound AESCipher records written before).
            env["CIPHER_TOPIC"] = "infrastructure.encryption:BoundAESCipher"
            env["MAPPER_TOPIC"] = "infrastructure.encryption:BoundMapper"
            env["CIPHER_KEY"] = self.cipher_key
        return env

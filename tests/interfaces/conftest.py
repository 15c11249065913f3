"""Fixtures for the HTTP API: an app over the ``system`` fixture (SQLite and PostgreSQL),
its test client, and tokens for each kind of caller."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from application.security import Principal
from domain.shared.audit import Role
from domain.shared.identifiers import compose_bin, compose_iin
from interfaces.i18n import use_locale
from interfaces.web import create_app
from tests.application.participants.builders import organisation, token_for

COLLEGE_BIN = "220940000007"
ENTERPRISE_BIN = compose_bin(2015, 3, serial=12345).value
OTHER_ENTERPRISE_BIN = compose_bin(2016, 7, serial=4242).value
MENTOR_IIN = compose_iin(date(1985, 5, 17), male=True, serial=123).value
TRAINEE_IIN = compose_iin(date(2007, 2, 1), male=False, serial=77).value
ADMIN = Principal(Role.ADMIN, correlation_id="test-setup")


@dataclass
class Tokens:
    admin: str
    other_admin: str
    auditor: str
    college: str
    enterprise: str
    other_enterprise: str
    trainee: str


def bearer(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **{k.replace("_", "-"): v
                                                   for k, v in headers.items()}}


def organisation_body(bin: str = ENTERPRISE_BIN, **changes: object) -> dict[str, object]:  # noqa: A002
    body: dict[str, object] = {"bin": bin, "name": "Karaganda Steel", "kind": "enterprise",
                               "region": "35", "size": "large", "oked": "24.10"}
    body.update(changes)
    return body


def mentor_body(**changes: object) -> dict[str, object]:
    body: dict[str, object] = {"iin": MENTOR_IIN, "full_name": "Aidar Nurlanovich Seitkali",
                               "position": "Senior welder", "qualification": "Welder, 6th grade",
                               "experience_years": 14}
    body.update(changes)
    return body


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test client asks for English unless a test sends its own Accept-Language:
    the tests written before the catalogues assert English texts. The Russian and Kazakh
    answers, and the default locale, have tests of their own (tests/interfaces/i18n)."""
    opened = FlaskClient.__init__

    def english(self: FlaskClient, *args: object, **kwargs: object) -> None:
        opened(self, *args, **kwargs)  # type: ignore[arg-type]
        self.environ_base.setdefault("HTTP_ACCEPT_LANGUAGE", "en")

    monkeypatch.setattr(FlaskClient, "__init__", english)
    with use_locale("en"):  # and so does code run outside a request (files, the CLI)
        yield


@pytest.fixture
def app(system, settings) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    application = create_app(system, settings=settings)
    application.testing = True
    yield application
    application.extensions["dualtrack"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def tokens(system) -> Tokens:  # type: ignore[no-untyped-def]
    participants = system.participants
    participants.register_organisation(ADMIN, organisation(
        bin=COLLEGE_BIN, name="Karaganda Polytechnic", kind="college", region="35"))
    for bin_ in (ENTERPRISE_BIN, OTHER_ENTERPRISE_BIN):
        participants.register_organisation(ADMIN, organisation(**organisation_body(bin_)))  # type: ignore[arg-type]

    def issue(*key: str) -> str:
        return participants.issue_token(ADMIN, token_for(*key))

    return Tokens(
        admin=issue("admin"), other_admin=issue("admin"),
        auditor=issue("auditor"), college=issue("college", COLLEGE_BIN),
        enterprise=issue("enterprise", ENTERPRISE_BIN),
        other_enterprise=issue("enterprise", OTHER_ENTERPRISE_BIN),
        trainee=issue("trainee", TRAINEE_IIN),
    )


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres",
                                                                marks=pytest.mark.postgres)])
def demo_world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[object]:
    """The demo loaded once per backend (``tests.interfaces.demo.world``), read only."""
    from tests.interfaces.demo.world import demo_world as load

    with load(request.param, tmp_path_factory.mktemp("demo")) as world:
        yield world

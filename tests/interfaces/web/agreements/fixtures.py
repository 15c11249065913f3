"""What the agreement API tests share: callers with tokens, and bodies of requests.

No tests here. Test modules take the fixture with ``api = fixtures.api``. Setting up
state for a failure case goes through the application (fast); the answers under test
go through HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from flask.testing import FlaskClient

from application.security import Principal
from domain.agreements.agreement import DualTrainingAgreement
from domain.shared.audit import Role
from domain.shared.identifiers import compose_iin
from tests.application.agreements import fixtures as agreement_fixtures
from tests.application.agreements.fixtures import (
    COLLEGE_BIN,
    ENTERPRISE_BIN,
    MENTOR_IIN,
    OTHER_COLLEGE_BIN,
    OTHER_ENTERPRISE_BIN,
    REGION,
)
from tests.application.participants.builders import token_for

TRAINEE_IIN = compose_iin(date(2004, 4, 4), male=False, serial=404).value
MINOR_IIN = compose_iin(date(2010, 10, 10), male=True, serial=505).value
AGREEMENTS = "/api/v1/agreements"
ADMIN = Principal(Role.ADMIN, correlation_id="test-setup")

# Who calls: the role and subject of each caller's token.
CALLERS: dict[str, tuple[str, str | None]] = {
    "college": ("college", COLLEGE_BIN), "enterprise": ("enterprise", ENTERPRISE_BIN),
    "trainee": ("trainee", TRAINEE_IIN), "other_college": ("college", OTHER_COLLEGE_BIN),
    "other_enterprise": ("enterprise", OTHER_ENTERPRISE_BIN),
    "auditor": ("auditor", None), "monitor": ("monitor", REGION), "admin": ("admin", None),
    "mentor": ("mentor", MENTOR_IIN),
}

# A caller: a key of CALLERS, or a token's (role, subject); None for no token at all.
Who = str | tuple[str, str | None] | None


def agreement_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "number": "DT-2026-001", "college_bin": COLLEGE_BIN, "enterprise_bin": ENTERPRISE_BIN,
        "trainee": {"iin": TRAINEE_IIN, "full_name": "Dana Akhmetova"},
        "specialty_code": "07150200", "qualification": "Electric and gas welder",
        "start_date": "2026-09-01", "end_date": "2027-06-30", "planned_practice_months": 8,
        "workplace": "Welding shop No. 2"}
    body.update(changes)
    return body


def url(agreement: DualTrainingAgreement | str, *parts: str) -> str:
    base = agreement if isinstance(agreement, str) else f"{AGREEMENTS}/{agreement.id}"
    return "/".join([base, *parts])


@dataclass
class Api:
    client: FlaskClient
    system: Any
    _tokens: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def headers(self, who: Who, **extra: str) -> dict[str, str]:
        """Headers of ``who`` (a key of CALLERS, or (role, subject); None sends no token),
        and ``extra`` ones written with underscores (``If_Match='"3"'``)."""
        headers = {name.replace("_", "-"): value for name, value in extra.items()}
        if who is not None:
            key = who if isinstance(who, tuple) else CALLERS[who]
            if key not in self._tokens:
                self._tokens[key] = self.system.participants.issue_token(ADMIN, token_for(*key))
            headers["Authorization"] = f"Bearer {self._tokens[key]}"
        return headers

    def post(self, path: str, body: Any, who: Who = "college", **headers: str) -> Any:
        return self.client.post(path, json=body, headers=self.headers(who, **headers))

    def get(self, path: str, who: Who = "college", **query: Any) -> Any:
        return self.client.get(path, query_string=query, headers=self.headers(who))

    # State set up through the application ---------------------------------------------

    def draft(self, **changes: Any) -> DualTrainingAgreement:
        changes.setdefault("trainee_iin", TRAINEE_IIN)
        return agreement_fixtures.draft_agreement(self.system, **changes)

    def active(self, **changes: Any) -> DualTrainingAgreement:
        """Active, by default with a mentor and a briefing from the term start (2026-09-01)."""
        changes.setdefault("trainee_iin", TRAINEE_IIN)
        return agreement_fixtures.active_agreement(self.system, **changes)


@pytest.fixture
def api(client: FlaskClient, system: Any) -> Api:
    agreement_fixtures.register_organisations(system)
    agreement_fixtures.register_organisations(system, college_bin=OTHER_COLLEGE_BIN)
    return Api(client, system)


def problem_of(answer: Any) -> tuple[int, str]:
    """The status and the rule of a problem answer."""
    return answer.status_code, answer.json.get("rule")


def field_rule(answer: Any, name: str) -> str | None:
    """The rule a 422 names for the field ``name`` (None when that field is fine)."""
    assert answer.status_code == 422, answer.json
    return answer.json["errors"].get(name, {}).get("rule")

"""What every command on an agreement answers before any business rule: 401 without a
token, 403 for a role that never does it (the auditor), 404 for an organisation that is
not a party, 412 for a stale If-Match. A draft is enough: these come first."""

import pytest

from tests.application.agreements.fixtures import MENTOR_IIN
from tests.interfaces.web.agreements import fixtures
from tests.interfaces.web.agreements.fixtures import problem_of, url

api = fixtures.api

# (path, a valid body, the role allowed to do it)
COMMANDS = [
    ("terms", {"changes": {"workplace": "Shop 3"}}, "college"),
    ("signatures", {"party": "college"}, "college"),
    ("amendments", {"changes": {"workplace": "Shop 3"}, "reason": "Moved"}, "college"),
    ("amendments/1/acceptances", {"party": "enterprise"}, "enterprise"),
    ("cancellation", {"reason": "Not needed"}, "college"),
    ("mentor", {"mentor_iin": MENTOR_IIN, "from_date": "2026-09-01"}, "enterprise"),
    ("safety-briefings", {"date": "2026-09-01", "instructor": "A. Bekov"}, "enterprise"),
    ("practice-periods", {"start_date": "2026-09-01", "end_date": "2026-09-30",
                          "position": "Welder", "duties": "Welding"}, "enterprise"),
    ("compensations", {"month": "2026-09", "amount": "85000.00",
                       "payment_reference": "PAY-1"}, "enterprise"),
    ("suspensions", {"start_date": "2026-10-01", "reason": "Illness",
                     "expected_return": "2026-10-20"}, "college"),
    ("resumptions", {"date": "2026-10-15"}, "college"),
    ("termination", {"reason_code": "expulsion", "effective_date": "2026-10-31",
                     "comment": "Order 7"}, "college"),
    ("termination/revocation", {"reason": "Wrong student"}, "college"),
    ("completion", {"date": "2027-07-01"}, "college"),
]


@pytest.mark.parametrize("path, body, allowed", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_command_is_401_without_token_403_for_an_auditor_404_for_a_stranger_412_when_stale(
        api, path, body, allowed):
    agreement = api.draft()
    target = url(agreement, path)

    assert problem_of(api.post(target, body, who=None)) == (401, "missing_token")
    assert problem_of(api.post(target, body, who="auditor")) == (403, "forbidden")
    assert problem_of(api.post(target, body, who=f"other_{allowed}")) == (404, "not_found")
    assert problem_of(api.post(target, body, who=allowed, If_Match='"7"')) == \
        (412, "stale_version")


@pytest.mark.parametrize("path, body, allowed", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_command_with_an_empty_body_is_422_naming_a_required_field(api, path, body, allowed):
    answer = api.post(url(api.draft(), path), {}, who=allowed)

    assert answer.status_code == 422
    assert {e["rule"] for e in answer.json["errors"].values()} == {"required"}
    assert set(answer.json["errors"]) == set(body)

import pytest
from application.participants import Participants
from application.security import Principal
from domain.audit import Role
from tests.conftest import TODAY
def test_an_admin_registers_a_college_and_issues_it_a_token_whose_hash_alone_is_stored(settings):
    app = Participants(settings.app_env("participants")); app.clock=lambda: TODAY
    admin = Principal(Role.ADMIN)
    org = app.register_organisation(admin, bin="220940000007", name="Karaganda Poly", kind="college", region="35", league="leader")
    assert app.organisation("220940000007").name == "Karaganda Poly"
    tok = app.issue_token(admin, "college", "220940000007")
    p = app.authenticate(tok, "c1"); assert p.role is Role.COLLEGE and p.subject == "220940000007"
    h = app.history(org.id); assert h[0].actor_role == "admin"
    app.close()

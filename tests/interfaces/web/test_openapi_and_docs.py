import pytest
import schemathesis

from infrastructure.settings import Settings
from interfaces.web import create_app

PATHS = {
    "/healthz": {"get"}, "/readyz": {"get"}, "/metrics": {"get"},
    "/api/v1/organisations": {"post"}, "/api/v1/organisations/{bin}": {"get"},
    "/api/v1/enterprises/{bin}/mentors": {"post"},
    "/api/v1/enterprises/{bin}/mentors/{iin}": {"get"},
}


@pytest.fixture
def settings(tmp_path) -> Settings:
    """The document needs no store: one backend is enough."""
    return Settings.from_env({"DUALTRACK_DATA_DIR": str(tmp_path)})


def openapi(settings) -> dict:
    return create_app(settings=settings).test_client().get("/openapi.json").json


def test_the_openapi_document_is_valid_openapi_3(settings):
    spec = openapi(settings)

    assert spec["openapi"] == "3.0.3"
    schemathesis.openapi.from_dict(spec).validate()  # raises on an invalid document


def test_the_openapi_document_lists_every_path_and_method(settings):
    paths = openapi(settings)["paths"]

    for path, methods in PATHS.items():
        assert methods <= set(paths[path]), path


def test_api_operations_need_a_bearer_token_and_operations_endpoints_do_not(settings):
    spec = openapi(settings)

    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert spec["paths"]["/api/v1/organisations"]["post"]["security"] == [{"bearerAuth": []}]
    assert "security" not in spec["paths"]["/healthz"]["get"]


def test_every_post_documents_the_idempotency_key_and_problem_answers(settings):
    spec = openapi(settings)

    post = spec["paths"]["/api/v1/organisations"]["post"]
    assert "Idempotency-Key" in [p["name"] for p in post["parameters"]]
    unprocessable = spec["components"]["responses"]["UNPROCESSABLE_ENTITY"]
    assert "application/problem+json" in unprocessable["content"]
    assert set(post["responses"]["201"]["headers"]) == {"Location", "ETag"}


def test_identifiers_are_documented_as_twelve_digit_strings(settings):
    spec = openapi(settings)

    organisation_in = spec["components"]["schemas"]["OrganisationIn"]
    assert organisation_in["properties"]["bin"]["pattern"] == r"^\d{12}$"
    assert set(organisation_in["required"]) == {"bin", "name", "kind", "region"}
    parameters = spec["paths"]["/api/v1/organisations/{bin}"]["parameters"]
    assert parameters[0]["schema"]["pattern"] == r"^\d{12}$"


def test_the_docs_page_renders_every_operation_without_a_token_or_the_internet(settings):
    answer = create_app(settings=settings).test_client().get("/docs")

    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    for path in PATHS:
        assert f"<code>{path}</code>" in page
    assert "Register a college or an enterprise (admin)" in page
    assert "OrganisationIn" in page and "<script" not in page and "cdn" not in page.lower()

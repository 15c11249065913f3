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


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    return [(path, method, operation) for path, item in spec["paths"].items()
            for method, operation in item.items() if method != "parameters"]


def test_every_operation_has_an_operation_id_a_summary_and_a_description(settings):
    spec = openapi(settings)
    found = operations(spec)

    without = [f"{m} {p}" for p, m, o in found
               if not (o.get("operationId") and o.get("summary") and o.get("description"))]
    assert len(found) > 90 and without == []
    ids = [o["operationId"] for *_, o in found]
    assert len(ids) == len(set(ids))
    assert spec["paths"]["/api/v1/agreements"]["get"]["operationId"] == \
        "agreements.list_agreements"


def test_no_operation_has_a_catch_all_default_answer(settings):
    assert [f"{m} {p}" for p, m, o in operations(openapi(settings))
            if "default" in o["responses"]] == []


def test_every_operation_has_an_example_request(settings):
    spec = openapi(settings)

    for path, method, operation in operations(spec):
        for kind, media in operation.get("requestBody", {}).get("content", {}).items():
            # A file upload (the intake import) has its template as its example.
            assert "example" in media or "json" not in kind, f"{method} {path}"
        for parameter in [*spec["paths"][path].get("parameters", []),
                          *operation.get("parameters", [])]:
            assert "$ref" in parameter or "example" in parameter, (method, path, parameter)
    body = spec["paths"]["/api/v1/organisations"]["post"]["requestBody"]["content"]
    example = body["application/json"]["example"]
    assert example["bin"] == "220940000007" and example["kind"] in ("college", "enterprise")


def test_operations_are_tagged_by_resource_and_every_tag_is_described(settings):
    spec = openapi(settings)

    tags = {o["tags"][0] for *_, o in operations(spec)}
    assert {"mentors", "certificates", "mentor-contracts", "agreements"} <= tags
    assert spec["paths"]["/api/v1/enterprises/{bin}/mentors"]["post"]["tags"] == ["mentors"]
    assert spec["paths"]["/api/v1/certificate-verification"]["get"]["tags"] == ["certificates"]
    described = {tag["name"]: tag["description"] for tag in spec["tags"]}
    assert set(described) == tags and all(described.values())


def test_the_docs_page_is_swagger_ui_from_the_installed_package_not_a_cdn(settings):
    client = create_app(settings=settings).test_client()
    answer = client.get("/docs")

    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assert 'url: "/openapi.json"' in page and "http" not in page.replace("/openapi.json", "")
    script = client.get("/docs/static/swagger-ui-bundle.js")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.data
    assert client.get("/docs/static/swagger-ui.css").status_code == 200


def test_the_certificate_check_needs_no_token_and_documents_its_one_answer_for_no_match(
        settings):
    operation = openapi(settings)["paths"]["/api/v1/certificate-verification"]["get"]

    assert "security" not in operation and "401" not in operation["responses"]
    assert set(operation["responses"]) == {"200", "422", "429"}
    description = " ".join(operation["description"].split())
    assert '"valid": false, "status": "unknown"' in description
    assert "whether the number does not exist, the code is wrong" in description

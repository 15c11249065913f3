"""What the OpenAPI document says beyond each view's own schemas and docstring.

* a description for every operation: the conventions that hold for it (token, roles'
  404 rule, ``Idempotency-Key``, ``If-Match``, ``Location``), unless its docstring says more;
* an example request for every operation: a whole example body, built from the fields'
  own examples, and an example for every parameter;
* tags per resource (the path's resource, not the Python package), each described.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

_METHODS = ("get", "post", "put", "patch", "delete")

# Path prefix (after /api/v1) -> tag; the longest prefix wins.
_TAGS: dict[str, str] = {
    "/organisations": "organisations",
    "/enterprises/{bin}/mentors": "mentors",
    "/agreements": "agreements",
    "/agreements/{agreement_id}/certificate": "certificates",
    "/certificates": "certificates",
    "/certificate-verification": "certificates",
    "/trainees": "work-experience",
    "/mentor-contracts": "mentor-contracts",
    "/reimbursement-claims": "reimbursement-claims",
    "/reference/reimbursement-norms": "reimbursement-norms",
    "/colleges/{bin}/reimbursement-budgets": "reimbursement-budgets",
    "/targeted-orders": "targeted-orders",
    "/patronage-memoranda": "patronage-memoranda",
    "/monitoring": "monitoring",
    "/imports": "imports",
    "/worklist": "worklist",
    "/audit": "audit",
}
TAG_DESCRIPTIONS = {
    "operations": "Health, readiness and metrics (no token).",
    "organisations": "Colleges and enterprises: the public registry data (admin registers).",
    "mentors": "An enterprise's mentors: qualified workers who guide trainees.",
    "agreements": "Tripartite dual-training agreements: terms, signatures, practice (the "
                  "Annex), suspensions, amendments, completion and termination.",
    "certificates": "Work-experience certificates (the Annex for employment records), "
                    "and their check by number and code without a token.",
    "work-experience": "A trainee's practice and the seniority it earns.",
    "mentor-contracts": "Paid-services contracts between colleges and mentors: acts, "
                        "approvals, payments and reversals.",
    "reimbursement-claims": "Enterprises' dual-training costs claimed from colleges "
                            "(Order No. 597).",
    "reimbursement-norms": "Monthly reimbursement norms per trainee (reference data).",
    "reimbursement-budgets": "Colleges' reimbursement budgets per academic year.",
    "targeted-orders": "Training by an enterprise's request, with an obligation to employ.",
    "patronage-memoranda": "Large enterprises' patronage of colleges.",
    "monitoring": "Figures for monitors and auditors, with no personal data; also CSV, XLSX.",
    "imports": "A college's intake, imported from one CSV or XLSX file.",
    "worklist": "What the caller must do next, with due dates.",
    "audit": "The global, ordered event feed (auditors).",
}


def conventions_description(method: str, doc_info: dict[str, Any],
                            responses: dict[Any, Any]) -> str:
    """The conventions this operation follows, said in words."""
    if doc_info.get("public"):
        words = ["Needs no token."]
    else:
        words = ["Send `Authorization: Bearer <token>`: without one 401, a role that may not "
                 "do this 403, and another party's resource 404 (existence does not leak)."]
    if method == "post":
        words.append("Send an `Idempotency-Key` to make a retry safe: the same key and body "
                     "give the same answer and record once.")
        if 201 in responses:
            words.append("Answers 201 with `Location` and the new version as `ETag`.")
    if doc_info.get("if_match"):
        words.append('Send `If-Match: "<version>"` to write only over the version you read '
                     "(412 when it has moved on); a concurrent write is 409.")
    if method == "get" and not doc_info.get("public"):
        words.append("Read-only: records nothing.")
    if doc_info.get("rate_limited"):
        words.append("Past the rate limit (per token and per address): 429 with "
                     "`Retry-After`.")
    words.append("Errors are `application/problem+json` naming the field and the rule.")
    return " ".join(words)


def complete_document(document: dict[str, Any]) -> dict[str, Any]:
    document = deepcopy(document)
    schemas = document.get("components", {}).get("schemas", {})
    used: list[str] = []
    for path, item in document.get("paths", {}).items():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            operation["tags"] = [tag_of(path)]
            used += operation["tags"]
            for parameter in [*item.get("parameters", []), *operation.get("parameters", [])]:
                _example_parameter(parameter)
            for kind, media in operation.get("requestBody", {}).get("content", {}).items():
                # JSON bodies; a file upload's example is its template (its own endpoint).
                if is_json(kind) and "example" not in media and "examples" not in media:
                    media["example"] = example_of(media.get("schema", {}), schemas)
    document["tags"] = [{"name": tag, "description": TAG_DESCRIPTIONS.get(tag, tag)}
                        for tag in dict.fromkeys(used)]
    return document


def is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def tag_of(path: str) -> str:
    if not path.startswith("/api/v1/"):
        return "operations"
    rest = path.removeprefix("/api/v1")
    found = [prefix for prefix in _TAGS if rest == prefix or rest.startswith(prefix + "/")
             or rest.startswith(prefix + ".")]
    return _TAGS[max(found, key=len)] if found else rest.strip("/").split("/")[0]


# Realistic text for fields that carry none of their own (by field name).
_NAMED = {
    "name": "Karaganda Polytechnic College", "full_name": "Aigerim Serikovna Nurlanova",
    "position": "Welder, 5th grade", "qualification": "Electric and gas welder",
    "instructor": "Labour protection engineer B. Akhmetov",
    "duties": "Welding of pipeline joints under the mentor's supervision",
    "workplace": "Workshop No. 2", "specialty_code": "07150200",
    "payment_reference": "KZ-PAY-2026-000123", "document_reference": "Invoice No. 45",
    "state_order_reference": "Order No. 12 of 2026-06-01", "evidence": "Act No. 7",
    "description": "Welding equipment for the college workshop",
    "title": "Pipeline welding (modular programme)", "reason": "By agreement of the parties",
    "comment": "The parties agreed to end the training early",
    "subject_and_principles": "Partnership in training qualified workers",
    "implementation": "Joint plan approved each academic year",
    "obligations": "The enterprise provides practice places; the college adapts programmes",
    "term": "Three years from signing", "responsibility": "Under the laws of Kazakhstan",
    "bin": "220940000007", "college_bin": "220940000007", "enterprise_bin": "220940000007",
    "iin": "900115300013", "mentor_iin": "900115300013", "academic_year": "2026-2027",
    "number": "1",
}


def _example_parameter(parameter: dict[str, Any]) -> None:
    if "$ref" in parameter or "example" in parameter or "examples" in parameter:
        return
    parameter["example"] = example_of(parameter.get("schema", {}), {},
                                      name=parameter.get("name", ""))


def example_of(schema: dict[str, Any], schemas: dict[str, Any], depth: int = 0, *,
               name: str = "") -> Any:
    """An example value for ``schema``: its own example, else one made from its type."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return example_of(schemas.get(name, {}), schemas, depth + 1) if depth < 6 else {}
    for key in ("example", "default"):
        if key in schema and schema[key] is not None:
            return schema[key]
    if schema.get("enum"):
        return schema["enum"][0]
    for key in ("allOf", "oneOf", "anyOf"):
        if schema.get(key):
            return example_of(schema[key][0], schemas, depth + 1)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        return {field: example_of(prop, schemas, depth + 1, name=field)
                for field, prop in properties.items() if not prop.get("readOnly")}
    if kind == "array":
        return [example_of(schema.get("items", {}), schemas, depth + 1)]
    if kind == "string" and name in _NAMED:
        return _NAMED[name]
    return _scalar_example(schema)


def _scalar_example(schema: dict[str, Any]) -> Any:
    kind, form = schema.get("type"), schema.get("format")
    if kind in ("integer", "number"):
        low = schema.get("minimum", 1)
        return max(low, 1) if schema.get("maximum", 1) >= 1 else low
    if kind == "boolean":
        return True
    return {"date": "2026-09-01", "date-time": "2026-09-01T09:00:00Z",
            "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "email": "college@example.kz",
            "uri": "https://example.kz/"}.get(form or "", "text")

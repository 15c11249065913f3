"""``/docs``: the OpenAPI document as a plain HTML page, rendered on the server.

flask-smorest's Swagger UI and ReDoc pages load their scripts from a CDN; this
page needs nothing but the spec, so it works on an offline network.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template_string
from flask_smorest import Api

from interfaces.web.auth import public

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ info.title }} API</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
h2{margin-top:2.5rem;border-bottom:1px solid #ccc}
.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
.method{display:inline-block;min-width:4rem;font-weight:bold;text-transform:uppercase}
.get{color:#1565c0}.post{color:#2e7d32}.put,.patch{color:#ef6c00}.delete{color:#c62828}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;
text-align:left;vertical-align:top}code{background:#f4f4f4;padding:0 .2rem}
</style></head><body>
<h1>{{ info.title }} <small>{{ info.version }}</small></h1>
<p>OpenAPI {{ openapi }} document: <a href="/openapi.json">/openapi.json</a>.
Send <code>Authorization: Bearer &lt;token&gt;</code>; errors are
<code>application/problem+json</code>.</p>
<h2>Operations</h2>
{% for path, operations in paths %}{% for method, op in operations %}
<div class="op" id="{{ method }}{{ path }}">
<p><span class="method {{ method }}">{{ method }}</span> <code>{{ path }}</code>
 {{ op.get("summary", "") }}</p>
{% if op.get("description") %}<p>{{ op.description }}</p>{% endif %}
{% if op.get("parameters") %}<table><tr><th>parameter</th><th>in</th><th>required</th>
<th>schema</th></tr>{% for p in op.parameters %}<tr><td>{{ p.get("name", p.get("$ref", "")) }}</td>
<td>{{ p.get("in", "") }}</td><td>{{ p.get("required", False) }}</td>
<td>{{ describe(p.get("schema", {})) }}</td></tr>{% endfor %}</table>{% endif %}
{% if op.get("requestBody") %}<p>Body: {% for type, media in op.requestBody.content.items() %}
<code>{{ type }}</code> {{ describe(media.get("schema", {})) }}{% endfor %}</p>{% endif %}
<table><tr><th>status</th><th>answer</th></tr>{% for status, response in op.responses.items() %}
<tr><td>{{ status }}</td><td>{{ describe(response) }}</td></tr>{% endfor %}</table>
</div>{% endfor %}{% endfor %}
<h2>Schemas</h2>
{% for name, schema in schemas %}<div class="op" id="schema-{{ name }}"><h3>{{ name }}</h3>
<table><tr><th>field</th><th>type</th><th>required</th></tr>
{% for field, prop in schema.get("properties", {}).items() %}<tr><td>{{ field }}</td>
<td>{{ describe(prop) }}</td><td>{{ field in schema.get("required", []) }}</td></tr>
{% endfor %}</table></div>{% endfor %}
</body></html>"""


def describe(node: dict[str, Any]) -> str:
    """A one-line reading of a schema, a response or a reference."""
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[-1]
    if "content" in node:
        media: dict[str, Any] = next(iter(node["content"].values()), {})
        return f"{node.get('description', '')}: {describe(media.get('schema', {}))}"
    if "description" in node and "type" not in node:
        return node["description"]
    if node.get("type") == "array":
        return f"list of {describe(node.get('items', {}))}"
    words = [node.get("type", ""), node.get("format", "")]
    if "enum" in node:
        words.append("one of " + ", ".join(map(str, node["enum"])))
    if "pattern" in node:
        words.append(f"matching {node['pattern']}")
    if node.get("readOnly"):
        words.append("(read only)")
    return " ".join(w for w in words if w)


def _operations(path_item: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """A path's operations, each with the path's own parameters and its answers in order."""
    shared = path_item.get("parameters", [])
    operations = []
    for method, operation in sorted(path_item.items()):
        if method == "parameters":
            continue
        responses = sorted(operation.get("responses", {}).items(),
                           key=lambda item: (item[0] == "default", item[0]))
        operations.append((method, {**operation, "responses": dict(responses),
                                    "parameters": shared + operation.get("parameters", [])}))
    return operations


def docs_blueprint(api: Api) -> Blueprint:
    blueprint = Blueprint("docs", __name__)

    @blueprint.get("/docs")
    @public
    def docs() -> str:
        spec = api.spec.to_dict()  # type: ignore[union-attr]
        paths = [(path, _operations(item)) for path, item in sorted(spec["paths"].items())]
        schemas = sorted(spec.get("components", {}).get("schemas", {}).items())
        return render_template_string(_PAGE, info=spec["info"], openapi=spec["openapi"],
                                      paths=paths, schemas=schemas, describe=describe)

    return blueprint

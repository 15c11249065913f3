"""``/docs``: Swagger UI over ``/openapi.json``, served from the ``swagger-ui-bundle`` package.

The scripts and styles come from the installed package (``/docs/static/...``), never
from a CDN, so the page works on an offline network; the page itself only tells
Swagger UI where the document is.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template_string, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from interfaces.web.auth import public

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dualtrack API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{{ url_for('docs.asset', filename='swagger-ui.css') }}">
<link rel="icon" href="{{ url_for('docs.asset', filename='favicon-32x32.png') }}">
</head><body>
<noscript>The API's OpenAPI 3 document is at <a href="/openapi.json">/openapi.json</a>;
this page needs JavaScript to render it.</noscript>
<div id="swagger-ui"></div>
<script src="{{ url_for('docs.asset', filename='swagger-ui-bundle.js') }}"></script>
<script src="{{ url_for('docs.asset', filename='swagger-ui-standalone-preset.js') }}"></script>
<script>
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  displayOperationId: true, persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"});
</script>
</body></html>"""


def docs_blueprint() -> Blueprint:
    blueprint = Blueprint("docs", __name__)

    @blueprint.get("/docs")
    @public
    def docs() -> str:
        return render_template_string(_PAGE)

    @blueprint.get("/docs/static/<path:filename>")
    @public
    def asset(filename: str) -> Response:
        return send_from_directory(str(swagger_ui_path), filename, max_age=86400)

    return blueprint

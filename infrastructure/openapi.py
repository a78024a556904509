"""The API's one OpenAPI document, merged (Powertools OpenAPIMerge) from the handlers template.yaml deploys.

`python -m infrastructure.openapi` writes openapi.json; a test fails when code and committed document differ.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge
from aws_lambda_powertools.event_handler.openapi.models import Server

from infrastructure.local.lambdas import load_handler_module
from infrastructure.local.template import ROOT, load_template
from portal.api import SECURITY_SCHEMES

DOCUMENT_PATH = ROOT / "openapi.json"
TITLE = "Kundeportal API"
VERSION = "1.0.0"


def build_document() -> dict[str, Any]:
    template = load_template()
    merge = OpenAPIMerge(
        title=TITLE,
        version=VERSION,
        servers=[Server(url="/api", description="The portal's own address (CloudFront routes /api to API Gateway)")],
        on_conflict="error",
        description="Self-service customer portal. Every path lives under /api on the portal's "
        "address. Log in with POST /auth/login, then POST /auth/login/code; the "
        "session cookie authenticates the rest. A customer's own systems search, send and fetch documents "
        "with an API key instead (the routes whose security lists apiKey).",
        security_schemes=SECURITY_SCHEMES,
        security=[{"session": []}],
    )
    named: dict[str, tuple[str, Any]] = {}
    for function in sorted(template.functions.values(), key=lambda item: item.logical_id):
        app = getattr(load_handler_module(function), "app", None)
        if app is not None:
            merge.add_schema(app.get_openapi_schema())
            _refuse_name_clashes(named, function.logical_id, json.loads(app.get_openapi_json_schema()))
    document: dict[str, Any] = json.loads(merge.get_openapi_json_schema())
    document["paths"] = dict(sorted(document.get("paths", {}).items()))
    for route in template.routes:  # the public steps (logging in, an e-mailed link) need no session
        if route.public:
            document["paths"][route.path][route.method.lower()]["security"] = []
    add_common_refusals(document)
    return document


def _refuse_name_clashes(named: dict[str, tuple[str, Any]], function: str, schema: dict[str, Any]) -> None:
    """The merged document keeps one schema per name: two models of one name would leave one route described with the
    other's schema (and the web's generated types wrong), so every model name must be unique across functions."""
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        first = named.setdefault(name, (function, component))
        if first[1] != component:
            raise ValueError(f"Two different schemas are named {name}: in {first[0]} and in {function}; rename one")


# Refusals every handler can give whatever its own route says: the resolver's (portal.api) reading of a body and
# of a cursor, and the catch-all. Documented here once, so the document tells every answer the API can give.
BODY_REFUSALS = {
    400: "The body is not JSON (or not UTF-8, or nested too deeply)",
    413: "The body is too large",
    415: "The body is not application/json",
}
CURSOR_REFUSAL = {400: "The cursor is not one this list gave this login, or it is too old"}
UNEXPECTED = {500: "Something unexpected went wrong; the body names a correlation id for support"}


def add_common_refusals(document: dict[str, Any]) -> None:
    error_body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    for item in document.get("paths", {}).values():
        for operation in item.values():
            refusals = dict(UNEXPECTED)
            if "requestBody" in operation:
                refusals |= BODY_REFUSALS
            if any(parameter.get("name") == "cursor" for parameter in operation.get("parameters", [])):
                refusals |= CURSOR_REFUSAL
            responses = operation.setdefault("responses", {})
            for status, description in sorted(refusals.items()):
                responses.setdefault(str(status), {"description": description, "content": error_body})


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def load_committed_document() -> dict[str, Any] | None:
    if not DOCUMENT_PATH.exists():
        return None
    loaded: dict[str, Any] = json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))
    return loaded


def main() -> int:
    DOCUMENT_PATH.write_text(render(build_document()), encoding="utf-8")
    print(f"wrote {DOCUMENT_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

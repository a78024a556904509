"""GET /customer-imports/{import_id} — one register upload: how far it has come, what it rejected and why, and once
done the per-row report (ORG-3)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.imports.models import CustomerImportView
from portal.observability import entrypoint
from portal.wiring import import_service

app = build_resolver()


@app.get(
    "/customer-imports/<import_id>",
    summary="A customer register upload",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 403: "Needs the Create permission", 404: "No such import"}),
)
def get_customer_import(import_id: str) -> CustomerImportView:
    return import_service().get(current_principal(app), import_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

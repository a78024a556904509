"""GET /customer-imports — the register uploads, newest first (ORG-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.imports.models import CustomerImportPage
from portal.observability import entrypoint
from portal.wiring import import_service

app = build_resolver()


@app.get(
    "/customer-imports",
    summary="Customer register uploads",
    tags=["Customer register"],
    responses=documented({400: "Invalid cursor", 401: "Not logged in", 403: "Needs the Create permission"}),
)
def list_customer_imports(
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> CustomerImportPage:
    return import_service().recent(current_principal(app), limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

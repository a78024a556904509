"""GET /customers/{customer_id}/history — every change: who, when, before and after (ORG-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerHistory
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/history",
    summary="A customer's change history",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 403: "Staff only", 404: "No such customer"}),
)
def customer_history(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> CustomerHistory:
    return service.customer_history(
        current_principal(app), customer_repository(), customer_id, limit=limit, cursor=cursor
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /customers/{customer_id}/service-orders — a customer's service orders, newest first (ORD-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import service_orders
from portal.orders.models import ServiceOrderPage
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/service-orders",
    summary="A customer's service orders",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the orderer or order approver role", 404: "No such customer"}
    ),
)
def list_service_orders(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ServiceOrderPage:
    return service_orders.service_orders(
        current_principal(app), customer_repository(), order_repository(), customer_id, limit=limit, cursor=cursor
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /customers/{customer_id}/service-orders/{order_id} — one service order with its timeline and what the reader
may do with it now (ORD-3)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import service_orders
from portal.orders.models import ServiceOrderView
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/service-orders/<order_id>",
    summary="A service order",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the orderer or order approver role", 404: "No such customer or order"}
    ),
)
def get_service_order(customer_id: str, order_id: str) -> ServiceOrderView:
    return service_orders.service_order(
        current_principal(app), customer_repository(), order_repository(), customer_id, order_id
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

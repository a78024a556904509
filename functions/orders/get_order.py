"""GET /customers/{customer_id}/orders/{order_id} — an order of any kind, as its confirmation shows it (ORD-4)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.clock import now
from portal.observability import entrypoint
from portal.orders.confirmation import OrderConfirmation, order_confirmation
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/orders/<order_id>",
    summary="An order's confirmation",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the orderer or order approver role", 404: "No such customer or order"}
    ),
)
def get_order(customer_id: str, order_id: str) -> OrderConfirmation:
    return order_confirmation(
        current_principal(app), customer_repository(), order_repository(), customer_id, order_id, now()
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

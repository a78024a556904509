"""POST /customers/{customer_id}/supplies-orders/{order_id}/delivery — staff record the delivery (ORD-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import supplies
from portal.orders.models import DeliveryInput, SuppliesOrderView
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/supplies-orders/<order_id>/delivery",
    summary="Record that a supplies order was delivered",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer only",
            404: "No such customer or order",
            409: "Delivered already, or changed meanwhile",
        }
    ),
)
def deliver_supplies_order(
    customer_id: str, order_id: str, delivery: Annotated[DeliveryInput, Body()]
) -> SuppliesOrderView:
    return supplies.mark_delivered(
        current_principal(app), customer_repository(), order_repository(), customer_id, order_id, delivery.version
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

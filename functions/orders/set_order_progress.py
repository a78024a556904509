"""PUT /customers/{customer_id}/service-orders/{order_id}/progress — move a service order's own state on (active →
started → closed), apart from its approval (ORD-3, seed 004)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import service_orders
from portal.orders.models import ProgressInput, ServiceOrderView
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.put(
    "/customers/<customer_id>/service-orders/<order_id>/progress",
    summary="Move a service order's state on",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer only",
            404: "No such customer or order",
            409: "Not a step forward from the order's state, or changed meanwhile",
        }
    ),
)
def set_order_progress(customer_id: str, order_id: str, progress: Annotated[ProgressInput, Body()]) -> ServiceOrderView:
    return service_orders.set_progress(
        current_principal(app), customer_repository(), order_repository(), customer_id, order_id, progress
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

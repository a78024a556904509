"""POST /customers/{customer_id}/service-orders/{order_id}/transitions — approve, confirm, confirm on the customer's
behalf, deliver, reject or cancel a service order (ORD-3); refused with 409 and the order's status when the order
is not where the action can start."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import service_orders
from portal.orders.models import ServiceOrderView, TransitionInput
from portal.wiring import customer_repository, order_repository, workflows

app = build_resolver()


@app.post(
    "/customers/<customer_id>/service-orders/<order_id>/transitions",
    summary="Move a service order on",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not the one who may take this step",
            404: "No such customer or order",
            409: "The order is not where this step starts, or it changed meanwhile",
        }
    ),
)
def move_service_order(
    customer_id: str, order_id: str, transition: Annotated[TransitionInput, Body()]
) -> ServiceOrderView:
    return service_orders.move_service_order(
        current_principal(app),
        customer_repository(),
        order_repository(),
        workflows(),
        customer_id,
        order_id,
        transition,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

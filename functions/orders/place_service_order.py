"""POST /customers/{customer_id}/service-orders — send a service order for approval (ORD-3). Safe to repeat with an
Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.observability import entrypoint
from portal.orders.models import ServiceOrderInput, ServiceOrderView
from portal.wiring import service_order_placement

app = build_resolver()


@app.post(
    "/customers/<customer_id>/service-orders",
    summary="Send a service order",
    description="It waits for the seller's approval; the customer's account manager is told by e-mail.",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the orderer role at the customer",
            404: "No such customer",
            409: "Idempotency-Key reused",
        },
        success=201,
        description="Sent",
    ),
)
def place_service_order(customer_id: str, order: Annotated[ServiceOrderInput, Body()]) -> Response[ServiceOrderView]:
    principal = current_principal(app)
    return created_once(
        app,
        f"place_service_order:{customer_id}",
        principal=principal,
        payload=order,
        work=lambda: service_order_placement()(principal, customer_id, order),
        result=ServiceOrderView,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /customers/{customer_id}/supplies-orders — order supplies (ORD-1). Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.observability import entrypoint
from portal.orders import supplies
from portal.orders.models import SuppliesOrderInput, SuppliesOrderView
from portal.wiring import catalogue_repository, customer_repository, order_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/supplies-orders",
    summary="Order supplies",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the orderer role at the customer",
            404: "No such customer",
            409: "Idempotency-Key reused",
        },
        success=201,
        description="Placed",
    ),
)
def place_supplies_order(customer_id: str, order: Annotated[SuppliesOrderInput, Body()]) -> Response[SuppliesOrderView]:
    principal = current_principal(app)
    return created_once(
        app,
        f"place_supplies_order:{customer_id}",
        principal=principal,
        payload=order,
        work=lambda: supplies.place_supplies_order(
            principal, customer_repository(), catalogue_repository(), order_repository(), customer_id, order
        ),
        result=SuppliesOrderView,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

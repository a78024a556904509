"""POST /customers/{customer_id}/change-orders — order notes and coins (ORD-2). Safe to repeat with an
Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.observability import entrypoint
from portal.orders import change
from portal.orders.models import ChangeOrderInput, ChangeOrderView
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/change-orders",
    summary="Order change",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the orderer role at the customer",
            404: "No such customer",
            409: "Idempotency-Key reused",
            422: "A date that cannot be delivered on, a note or coin not of the currency, an amount not a whole "
            "number of its note or coin, or a total over the credit limit",
        },
        success=201,
        description="Placed",
    ),
)
def place_change_order(customer_id: str, order: Annotated[ChangeOrderInput, Body()]) -> Response[ChangeOrderView]:
    principal = current_principal(app)
    return created_once(
        app,
        f"place_change_order:{customer_id}",
        principal=principal,
        payload=order,
        work=lambda: change.place_change_order(
            principal, customer_repository(), order_repository(), customer_id, order
        ),
        result=ChangeOrderView,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

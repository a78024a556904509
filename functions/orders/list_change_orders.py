"""GET /customers/{customer_id}/change-orders — a customer's change orders, newest first (ORD-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import change
from portal.orders.models import ChangeOrderPage
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/change-orders",
    summary="A customer's change orders",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the orderer or order approver role", 404: "No such customer"}
    ),
)
def list_change_orders(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ChangeOrderPage:
    return change.change_orders(
        current_principal(app), customer_repository(), order_repository(), customer_id, limit=limit, cursor=cursor
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""DELETE /customers/{customer_id}/change-orders/{order_id} — withdraw a change order until the end of the last
business day before its delivery (ORD-2). The order stays in the list, marked deleted."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.fields import Version
from portal.observability import entrypoint
from portal.orders import change
from portal.orders.models import ChangeOrderView
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.delete(
    "/customers/<customer_id>/change-orders/<order_id>",
    summary="Delete a change order",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the orderer role at the customer",
            404: "No such customer or order",
            409: "Past the deletion deadline, deleted already, or changed meanwhile",
        }
    ),
)
def delete_change_order(customer_id: str, order_id: str, version: Annotated[Version, Query()]) -> ChangeOrderView:
    return change.delete_change_order(
        current_principal(app), customer_repository(), order_repository(), customer_id, order_id, version
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""PUT /customers/{customer_id}/status — deactivate or reactivate a customer; nothing is deleted (ORG-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import Customer, CustomerStatusChange
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.put(
    "/customers/<customer_id>/status",
    summary="Deactivate or reactivate a customer",
    tags=["Customer register"],
    responses=documented(
        {401: "Not logged in", 403: "Missing the Delete permission", 404: "No such customer", 409: "Changed meanwhile"}
    ),
)
def set_customer_status(customer_id: str, change: Annotated[CustomerStatusChange, Body()]) -> Customer:
    return service.set_customer_status(
        current_principal(app), customer_repository(), customer_id, change.status, change.version
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""PATCH /customers/{customer_id} — change a customer; the change lands in its history (ORG-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import Customer, CustomerPatch
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.patch(
    "/customers/<customer_id>",
    summary="Change a customer",
    tags=["Customer register"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not allowed to change it",
            404: "No such customer",
            409: "Changed meanwhile, or number in use",
        }
    ),
)
def update_customer(customer_id: str, patch: Annotated[CustomerPatch, Body()]) -> Customer:
    return service.update_customer(current_principal(app), customer_repository(), customer_id, patch)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

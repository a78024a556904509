"""POST /customers — create a customer (ORG-3). Repeating a request with the same Idempotency-Key is safe."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.customers import service
from portal.customers.models import Customer, CustomerInput
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.post(
    "/customers",
    summary="Create a customer",
    tags=["Customer register"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Missing the Create permission",
            409: "Customer number in use, or Idempotency-Key reused",
        },
        success=201,
        description="Created",
    ),
)
def create_customer(customer: Annotated[CustomerInput, Body()]) -> Response[Customer]:
    principal = current_principal(app)
    return created_once(
        app,
        "create_customer",
        principal=principal,
        payload=customer,
        work=lambda: service.create_customer(principal, customer_repository(), customer),
        result=Customer,
        location=lambda made: f"/customers/{made.customer_id}",
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

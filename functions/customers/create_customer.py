"""POST /customers — create a customer (ORG-3). Repeating a request with the same Idempotency-Key is safe."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, idempotency_key
from portal.customers import service
from portal.customers.models import Customer, CustomerInput
from portal.idempotency import once
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
    created = once(
        "create_customer",
        actor=principal.username,
        key=idempotency_key(app),
        payload=customer,
        work=lambda: service.create_customer(principal, customer_repository(), customer),
        result=Customer,
        lambda_context=app.lambda_context,
    )
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body=created,
        headers={"Location": f"/customers/{created.customer_id}"},
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /customers/{customer_id}/invoice-specifications — staff publish the article rows of a customer's work orders
closed in a period, with totals, for the customer's contacts to review (CASE-4). Safe to repeat with an
Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.observability import entrypoint
from portal.specifications.models import InvoiceSpecification, SpecificationInput
from portal.wiring import specification_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/invoice-specifications",
    summary="Publish an invoice specification",
    tags=["Invoice specifications"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not staff who may change the customer",
            404: "No such customer",
            409: "Idempotency-Key reused",
            422: "No closed work in the period, or too much for one specification",
        },
        success=201,
        description="Published",
    ),
)
def publish_specification(
    customer_id: str, specification: Annotated[SpecificationInput, Body()]
) -> Response[InvoiceSpecification]:
    principal = current_principal(app)
    return created_once(
        app,
        f"publish_specification:{customer_id}",
        principal=principal,
        payload=specification,
        work=lambda: specification_service().publish(principal, customer_id, specification),
        result=InvoiceSpecification,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

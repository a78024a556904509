"""POST /customers/{customer_id}/invoice-specifications/{specification_id}/review — a contact linked to the customer
approves the specification, or comments on it, once (CASE-4); the account managers are told."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.specifications.models import InvoiceSpecification, SpecificationReview
from portal.wiring import specification_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/invoice-specifications/<specification_id>/review",
    summary="Approve or comment on an invoice specification",
    tags=["Invoice specifications"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not a contact linked to the customer",
            404: "No such customer or specification",
            409: "Reviewed already, or changed meanwhile",
            422: "A comment is needed when not approving",
        }
    ),
)
def review_specification(
    customer_id: str, specification_id: str, review: Annotated[SpecificationReview, Body()]
) -> InvoiceSpecification:
    return specification_service().review(current_principal(app), customer_id, specification_id, review)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

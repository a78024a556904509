"""GET /customers/{customer_id}/invoice-specifications/{specification_id} — one invoice specification: the work,
its article rows, the totals and its review."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.specifications.models import InvoiceSpecification
from portal.wiring import specification_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/invoice-specifications/<specification_id>",
    summary="An invoice specification",
    tags=["Invoice specifications"],
    responses=documented(
        {401: "Not logged in", 403: "Not a contact linked to the customer", 404: "No such customer or specification"}
    ),
)
def get_specification(customer_id: str, specification_id: str) -> InvoiceSpecification:
    return specification_service().get(current_principal(app), customer_id, specification_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

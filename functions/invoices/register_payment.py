"""POST /customers/{customer_id}/invoices/{invoice_id}/payments — staff register a payment against what an invoice
has outstanding (INV-1); more than is outstanding is refused, so it never goes below nothing."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.invoices.models import InvoiceView, PaymentInput
from portal.observability import entrypoint
from portal.wiring import invoice_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/invoices/<invoice_id>/payments",
    summary="Register a payment",
    tags=["Invoices"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer",
            404: "No such customer or invoice",
            409: "Changed meanwhile",
            422: "More than is outstanding",
        }
    ),
)
def register_payment(customer_id: str, invoice_id: str, payment: Annotated[PaymentInput, Body()]) -> InvoiceView:
    return invoice_service().register_payment(current_principal(app), customer_id, invoice_id, payment)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

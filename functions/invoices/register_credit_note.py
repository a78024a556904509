"""POST /customers/{customer_id}/invoices/{invoice_id}/credit-notes — staff register a credit note against what an
invoice has outstanding (INV-1); its number is the customer's once, like an invoice's."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.invoices.models import CreditNoteInput, InvoiceView
from portal.observability import entrypoint
from portal.wiring import invoice_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/invoices/<invoice_id>/credit-notes",
    summary="Register a credit note",
    tags=["Invoices"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer",
            404: "No such customer or invoice",
            409: "Changed meanwhile, or the number is taken",
            422: "More than is outstanding",
        }
    ),
)
def register_credit_note(
    customer_id: str, invoice_id: str, credit_note: Annotated[CreditNoteInput, Body()]
) -> InvoiceView:
    return invoice_service().register_credit_note(current_principal(app), customer_id, invoice_id, credit_note)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

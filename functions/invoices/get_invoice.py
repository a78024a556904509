"""GET /customers/{customer_id}/invoices/{invoice_id} — one invoice with its payments and credit notes (INV-1)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.invoices.models import InvoiceView
from portal.observability import entrypoint
from portal.wiring import invoice_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/invoices/<invoice_id>",
    summary="An invoice",
    tags=["Invoices"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the invoice reader role at the customer",
            404: "No such customer or invoice",
        }
    ),
)
def get_invoice(customer_id: str, invoice_id: str) -> InvoiceView:
    return invoice_service().get(current_principal(app), customer_id, invoice_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

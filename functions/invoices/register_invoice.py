"""POST /customers/{customer_id}/invoices — the vendor's billing (its staff who may change the customer) registers an
invoice (INV-1). Safe to repeat with an Idempotency-Key; a number is the customer's once."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.invoices.models import InvoiceInput, InvoiceView
from portal.observability import entrypoint
from portal.wiring import invoice_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/invoices",
    summary="Register an invoice",
    tags=["Invoices"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer",
            404: "No such customer",
            409: "The number is the customer's already; Idempotency-Key reused",
        },
        success=201,
        description="Registered",
    ),
)
def register_invoice(customer_id: str, invoice: Annotated[InvoiceInput, Body()]) -> Response[InvoiceView]:
    principal = current_principal(app)
    return created_once(
        app,
        f"register_invoice:{customer_id}",
        principal=principal,
        payload=invoice,
        work=lambda: invoice_service().create(principal, customer_id, invoice),
        result=InvoiceView,
        location=lambda made: f"/customers/{customer_id}/invoices/{made.invoice_id}",
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /customers/{customer_id}/invoices — a customer's invoices, newest first, found by number, date range and
status (INV-1, seed 004 "Søk etter faktura")."""

from datetime import date
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.invoices.models import MAX_INVOICES_PAGE, InvoicePage, InvoiceQuery, InvoiceStatus
from portal.observability import entrypoint
from portal.wiring import invoice_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/invoices",
    summary="Find a customer's invoices",
    tags=["Invoices"],
    responses=documented(
        {
            400: "Invalid cursor",
            401: "Not logged in",
            403: "Needs the invoice reader role at the customer",
            404: "No such customer",
        }
    ),
)
def find_invoices(
    customer_id: str,
    number: Annotated[str | None, Query(max_length=40)] = None,
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
    status: Annotated[InvoiceStatus | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_INVOICES_PAGE)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> InvoicePage:
    query = InvoiceQuery(number=number, date_from=date_from, date_to=date_to, status=status, limit=limit, cursor=cursor)
    return invoice_service().find(current_principal(app), customer_id, query)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

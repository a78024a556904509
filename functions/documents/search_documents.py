"""GET /customers/{customer_id}/documents — the document overview (DOC-1): documents sent and received within at
most 92 days, narrowed by direction, status, channel and trading partner in any combination, or by the amount due;
or the documents with one number."""

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import SESSION_OR_API_KEY, build_resolver, current_principal, documented
from portal.documents.models import Channel, Direction, DocumentFilters, DocumentRowPage, DocumentStatus
from portal.documents.service import AmountSearch
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()

# An exact amount as a query gives it: up to twelve whole digits and two decimals, e.g. 1250 or -99.50.
AMOUNT = r"^-?\d{1,12}(\.\d{1,2})?$"


def _exact(amount: str | None) -> Decimal | None:
    return Decimal(amount) if amount else None


@app.get(
    "/customers/<customer_id>/documents",
    summary="Search a customer's documents",
    tags=["Documents"],
    security=SESSION_OR_API_KEY,
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the document handler or invoice reader role",
            404: "No such customer",
            422: "Dates or amounts the wrong way round, or dates more than 92 days apart",
        }
    ),
)
def search_documents(
    customer_id: str,
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
    direction: Annotated[Direction | None, Query()] = None,
    status: Annotated[DocumentStatus | None, Query()] = None,
    channel: Annotated[Channel | None, Query()] = None,
    partner: Annotated[str | None, Query(max_length=200, description="A trading partner's key")] = None,
    number: Annotated[str | None, Query(max_length=200, description="Exactly this number, any date")] = None,
    amount_from: Annotated[str | None, Query(pattern=AMOUNT, max_length=16, description="Lowest amount due")] = None,
    amount_to: Annotated[str | None, Query(pattern=AMOUNT, max_length=16, description="Highest amount due")] = None,
    currency: Annotated[
        str, Query(pattern="^[A-Z]{3}$", max_length=3, description="The amounts' currency (ISO 4217)", examples=["NOK"])
    ] = "NOK",
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> DocumentRowPage:
    filters = DocumentFilters(direction=direction, status=status, channel=channel, partner=partner)
    rows, next_cursor = document_service().search(
        current_principal(app, api_keys=True),
        customer_id,
        filters,
        date_from=date_from,
        date_to=date_to,
        number=number,
        limit=limit,
        cursor=cursor,
        amounts=AmountSearch(currency, _exact(amount_from), _exact(amount_to)) if amount_from or amount_to else None,
    )
    return DocumentRowPage(items=rows, next_cursor=next_cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

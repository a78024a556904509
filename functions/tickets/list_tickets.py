"""GET /customers/{customer_id}/tickets — a customer's support tickets, newest first, with their status (DOC-8)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.tickets.models import TicketPage
from portal.wiring import ticket_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/tickets",
    summary="A customer's support tickets",
    tags=["Support tickets"],
    responses=documented({400: "Invalid cursor", 401: "Not logged in", 404: "No such customer"}),
)
def list_tickets(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> TicketPage:
    return ticket_service().list(current_principal(app), customer_id, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

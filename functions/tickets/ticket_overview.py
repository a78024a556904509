"""GET /tickets — staff's overview: every customer's support tickets of one status, latest activity first (DOC-8)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.tickets.models import TicketPage, TicketStatus
from portal.wiring import ticket_service

app = build_resolver()


@app.get(
    "/tickets",
    summary="Support tickets by status",
    tags=["Support tickets"],
    responses=documented({400: "Invalid cursor", 401: "Not logged in", 403: "Staff who see every customer only"}),
)
def ticket_overview(
    status: TicketStatus = TicketStatus.OPEN,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> TicketPage:
    return ticket_service().overview(current_principal(app), status, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

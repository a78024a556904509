"""PUT /customers/{customer_id}/tickets/{ticket_id}/status — staff move a support ticket on (in progress, waiting
for the customer, closed, open again); the user who opened it is told (DOC-8)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.tickets.models import Ticket, TicketStatusInput
from portal.wiring import ticket_service

app = build_resolver()


@app.put(
    "/customers/<customer_id>/tickets/<ticket_id>/status",
    summary="Change a support ticket's status",
    tags=["Support tickets"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not staff who may change the customer",
            404: "No such customer or ticket",
            409: "Changed meanwhile",
        }
    ),
)
def change_ticket_status(customer_id: str, ticket_id: str, change: Annotated[TicketStatusInput, Body()]) -> Ticket:
    return ticket_service().change_status(current_principal(app), customer_id, ticket_id, change)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

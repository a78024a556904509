"""POST /customers/{customer_id}/tickets/{ticket_id}/replies — either side writes in a ticket; the other is told
(DOC-8). Staff may set the status the reply leaves it in; the customer's word puts it back with the vendor."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.tickets.models import Ticket, TicketReplyInput
from portal.wiring import ticket_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/tickets/<ticket_id>/replies",
    summary="Reply in a support ticket",
    tags=["Support tickets"],
    responses=documented(
        {
            401: "Not logged in",
            403: "A status set by the customer, or staff who may not change the customer",
            404: "No such customer or ticket",
            409: "Changed meanwhile, closed, or full",
        }
    ),
)
def reply_ticket(customer_id: str, ticket_id: str, reply: Annotated[TicketReplyInput, Body()]) -> Ticket:
    return ticket_service().reply(current_principal(app), customer_id, ticket_id, reply)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

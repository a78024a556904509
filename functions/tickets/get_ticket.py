"""GET /customers/{customer_id}/tickets/{ticket_id} — one support ticket with every reply (DOC-8)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.tickets.models import Ticket
from portal.wiring import ticket_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/tickets/<ticket_id>",
    summary="A support ticket",
    tags=["Support tickets"],
    responses=documented({401: "Not logged in", 404: "No such customer or ticket"}),
)
def get_ticket(customer_id: str, ticket_id: str) -> Ticket:
    return ticket_service().get(current_principal(app), customer_id, ticket_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

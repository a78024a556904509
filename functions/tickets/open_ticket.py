"""POST /customers/{customer_id}/tickets — a customer's user opens a support ticket (DOC-8); the vendor is told.
Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.observability import entrypoint
from portal.tickets.models import Ticket, TicketInput
from portal.wiring import ticket_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/tickets",
    summary="Open a support ticket",
    tags=["Support tickets"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff answer tickets; the customer's users open them",
            404: "No such customer",
            409: "Idempotency-Key reused",
        },
        success=201,
        description="Opened",
    ),
)
def open_ticket(customer_id: str, ticket: Annotated[TicketInput, Body()]) -> Response[Ticket]:
    principal = current_principal(app)
    return created_once(
        app,
        f"open_ticket:{customer_id}",
        principal=principal,
        payload=ticket,
        work=lambda: ticket_service().open(principal, customer_id, ticket),
        result=Ticket,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /customers/{customer_id}/service-orders/{order_id}/booking-slots — the vendor's staff add a time slot
(place, start, duration, capacity) to a service order (ORD-3, EMP-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.bookings import service as bookings
from portal.bookings.models import Slot, SlotInput
from portal.observability import entrypoint
from portal.wiring import customer_repository, order_repository, slot_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots",
    summary="Add a booking slot",
    tags=["Bookings"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs a staff right to change the customer",
            404: "No such customer or order",
            409: "The order is rejected or cancelled",
            422: "A start in the past, or too many slots",
        },
        success=201,
        description="Added",
    ),
)
def add_booking_slot(customer_id: str, order_id: str, slot: Annotated[SlotInput, Body()]) -> Response[Slot]:
    added = bookings.add_slot(
        current_principal(app),
        customer_repository(),
        order_repository(),
        slot_repository(),
        customer_id,
        order_id,
        slot,
    )
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=added)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

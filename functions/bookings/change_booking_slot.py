"""PATCH /customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id} — the vendor's staff move a slot
(place, start, length); everyone booked into it gets the updated invitation (same UID, higher SEQUENCE)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.bookings.models import Slot, SlotChange
from portal.observability import entrypoint
from portal.wiring import appointment_service

app = build_resolver()


@app.patch(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots/<slot_id>",
    summary="Move a booking slot",
    tags=["Bookings"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer",
            404: "No such customer, order or slot",
            409: "Changed (or booked into) meanwhile",
        }
    ),
)
def change_booking_slot(customer_id: str, order_id: str, slot_id: str, change: Annotated[SlotChange, Body()]) -> Slot:
    return appointment_service().move(current_principal(app), customer_id, order_id, slot_id, change)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

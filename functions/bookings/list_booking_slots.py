"""GET /customers/{customer_id}/service-orders/{order_id}/booking-slots — the bookings an order carries (ORD-3,
EMP-2), soonest first."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.bookings import service as bookings
from portal.bookings.models import SlotList
from portal.observability import entrypoint
from portal.wiring import customer_repository, order_repository, slot_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots",
    summary="An order's booking slots",
    tags=["Bookings"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the orderer or order approver role", 404: "No such customer or order"}
    ),
)
def list_booking_slots(customer_id: str, order_id: str) -> SlotList:
    return bookings.slots_of(
        current_principal(app), customer_repository(), order_repository(), slot_repository(), customer_id, order_id
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

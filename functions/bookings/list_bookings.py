"""GET /customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id}/bookings — the employees booked
into a slot (EMP-2), for the customer's employee administrators and the vendor's staff."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.bookings.models import BookingList
from portal.observability import entrypoint
from portal.wiring import appointment_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots/<slot_id>/bookings",
    summary="The employees booked into a slot",
    tags=["Bookings"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer, order or slot",
        }
    ),
)
def list_bookings(customer_id: str, order_id: str, slot_id: str) -> BookingList:
    return appointment_service().bookings(current_principal(app), customer_id, order_id, slot_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

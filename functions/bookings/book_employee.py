"""POST /customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id}/bookings — an employee
administrator books one of the customer's employees into a slot (EMP-2); the employee gets the appointment by
e-mail with an .ics invitation. Of two bookings for the last place, exactly one is made."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.bookings.models import Booking, BookingInput
from portal.observability import entrypoint
from portal.wiring import appointment_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots/<slot_id>/bookings",
    summary="Book an employee into a slot",
    tags=["Bookings"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer, order or slot",
            409: "The slot is full or has begun, the employee booked already or inactive, the order closed",
            422: "No such employee at the customer",
        },
        success=201,
        description="Booked; the invitation is on its way",
    ),
)
def book_employee(
    customer_id: str, order_id: str, slot_id: str, booking: Annotated[BookingInput, Body()]
) -> Response[Booking]:
    made = appointment_service().book(current_principal(app), customer_id, order_id, slot_id, booking)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=made)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

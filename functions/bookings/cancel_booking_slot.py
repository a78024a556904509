"""DELETE /customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id}?version= — the vendor's staff
cancel a slot; everyone booked into it gets the cancellation."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.fields import MAX_VERSION
from portal.observability import entrypoint
from portal.wiring import appointment_service

app = build_resolver()


@app.delete(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots/<slot_id>",
    summary="Cancel a booking slot",
    tags=["Bookings"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer",
            404: "No such customer, order or slot",
            409: "Changed (or booked into) meanwhile",
        },
        success=204,
        description="Cancelled; the cancellations are on their way",
    ),
)
def cancel_booking_slot(
    customer_id: str, order_id: str, slot_id: str, version: Annotated[int, Query(ge=1, le=MAX_VERSION)]
) -> Response[None]:
    appointment_service().cancel(current_principal(app), customer_id, order_id, slot_id, version)
    return Response(status_code=204)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

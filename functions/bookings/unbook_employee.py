"""DELETE /customers/{customer_id}/service-orders/{order_id}/booking-slots/{slot_id}/bookings/{employee_id} — an
employee administrator removes a booking before the slot's cut-off (EMP-2); the employee gets the cancellation."""

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.wiring import appointment_service

app = build_resolver()


@app.delete(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots/<slot_id>/bookings/<employee_id>",
    summary="Remove an employee's booking",
    tags=["Bookings"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer, order, slot or booking",
            409: "Past the slot's cut-off, or changed meanwhile",
        },
        success=204,
        description="Removed; the cancellation is on its way",
    ),
)
def unbook_employee(customer_id: str, order_id: str, slot_id: str, employee_id: str) -> Response[None]:
    appointment_service().unbook(current_principal(app), customer_id, order_id, slot_id, employee_id)
    return Response(status_code=204)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET …/booking-slots/{slot_id}/bookings/{employee_id}/self-declaration — the vendor's health personnel read an
employee's answers (EMP-2); the reading is recorded in the employee's history. Nobody else reads them, the employer
least of all. Never cached."""

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, never_cached
from portal.bookings.models import SelfDeclaration
from portal.observability import entrypoint
from portal.wiring import self_declaration_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/service-orders/<order_id>/booking-slots/<slot_id>/bookings/<employee_id>/self-declaration",
    summary="An employee's self-declaration",
    tags=["Bookings"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Only the vendor's health personnel read self-declarations",
            404: "No such customer, order or slot, or no self-declaration from the employee",
            503: "The answers could not be opened",
        }
    ),
)
def read_self_declaration(customer_id: str, order_id: str, slot_id: str, employee_id: str) -> Response[SelfDeclaration]:
    principal = current_principal(app)
    declaration = self_declaration_service().read(principal, customer_id, order_id, slot_id, employee_id)
    return never_cached(declaration)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

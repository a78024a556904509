"""POST /customers/{customer_id}/employees/{employee_id}/national-id/reveal — an employee administrator sees an
employee's national identity number, giving a reason that the employee's history keeps (EMP-1). Never cached."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, never_cached
from portal.employees.models import RevealedNationalId, RevealRequest
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/employees/<employee_id>/national-id/reveal",
    summary="Reveal an employee's national identity number",
    tags=["Employees"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer or employee, or no number registered",
            503: "The key service did not answer",
        }
    ),
)
def reveal_national_id(
    customer_id: str, employee_id: str, request: Annotated[RevealRequest, Body()]
) -> Response[RevealedNationalId]:
    revealed = employee_service().reveal(current_principal(app), customer_id, employee_id, request)
    return never_cached(revealed)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

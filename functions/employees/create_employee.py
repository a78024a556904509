"""POST /customers/{customer_id}/employees — an employee administrator adds an employee (EMP-1); its national
identity number is sealed and shown masked from then on. Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.employees.models import EmployeeInput, EmployeeView
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/employees",
    summary="Add an employee",
    tags=["Employees"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer",
            409: "The e-mail address or the national identity number is another employee's; Idempotency-Key reused",
            422: "A field is not valid (a national identity number that does not check out, a department unknown)",
            503: "The key service did not answer: nothing was saved",
        },
        success=201,
        description="Added",
    ),
)
def create_employee(customer_id: str, employee: Annotated[EmployeeInput, Body()]) -> Response[EmployeeView]:
    principal = current_principal(app)
    return created_once(
        app,
        f"create_employee:{customer_id}",
        principal=principal,
        payload=employee,
        work=lambda: employee_service().create(principal, customer_id, employee),
        result=EmployeeView,
        location=lambda made: f"/customers/{customer_id}/employees/{made.employee_id}",
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

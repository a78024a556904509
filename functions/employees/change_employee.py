"""PATCH /customers/{customer_id}/employees/{employee_id} — an employee administrator edits an employee (EMP-1,
seed 004 "Rediger"); a new national identity number replaces the old one."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.employees.models import EmployeePatch, EmployeeView
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.patch(
    "/customers/<customer_id>/employees/<employee_id>",
    summary="Edit an employee",
    tags=["Employees"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer or employee",
            409: "Changed meanwhile, or the e-mail address or number is another employee's",
            503: "The key service did not answer: nothing was saved",
        }
    ),
)
def change_employee(customer_id: str, employee_id: str, patch: Annotated[EmployeePatch, Body()]) -> EmployeeView:
    return employee_service().update(current_principal(app), customer_id, employee_id, patch)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""PUT /customers/{customer_id}/employees/{employee_id}/status — deactivate an employee who has left, or reactivate
one who came back (EMP-1, seed 004 "Deaktiver")."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.employees.models import EmployeeStatusChange, EmployeeView
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.put(
    "/customers/<customer_id>/employees/<employee_id>/status",
    summary="Deactivate or reactivate an employee",
    tags=["Employees"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer or employee",
            409: "Changed meanwhile, or no e-mail address of its own on record",
        }
    ),
)
def set_employee_status(
    customer_id: str, employee_id: str, change: Annotated[EmployeeStatusChange, Body()]
) -> EmployeeView:
    return employee_service().change_status(current_principal(app), customer_id, employee_id, change)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

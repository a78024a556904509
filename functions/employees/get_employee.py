"""GET /customers/{customer_id}/employees/{employee_id} — one employee, its national identity number masked (EMP-1)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.employees.models import EmployeeView
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/employees/<employee_id>",
    summary="An employee",
    tags=["Employees"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer or employee",
        }
    ),
)
def get_employee(customer_id: str, employee_id: str) -> EmployeeView:
    return employee_service().get(current_principal(app), customer_id, employee_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /customers/{customer_id}/employees — a customer's employees by name, or found by words of their name or
e-mail, within a department (EMP-1, seed 004 "Finn ansatte")."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.employees.models import MAX_EMPLOYEES_PAGE, EmployeePage, EmployeeQuery, EmployeeStatus
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/employees",
    summary="Find a customer's employees",
    tags=["Employees"],
    responses=documented(
        {
            400: "Invalid cursor",
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer",
            422: "A search too short, or a department the customer does not have",
        }
    ),
)
def find_employees(
    customer_id: str,
    q: Annotated[str | None, Query(max_length=100)] = None,
    department_id: Annotated[str | None, Query(max_length=26)] = None,
    status: Annotated[EmployeeStatus, Query()] = EmployeeStatus.ACTIVE,
    limit: Annotated[int, Query(ge=1, le=MAX_EMPLOYEES_PAGE)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> EmployeePage:
    query = EmployeeQuery(q=q, department_id=department_id, status=status, limit=limit, cursor=cursor)
    return employee_service().find(current_principal(app), customer_id, query)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /customers/{customer_id}/employees/{employee_id}/history — what was changed on an employee, by whom and when,
newest first, and each reveal of its national identity number with the reason given (EMP-1). The number appears in
it only masked."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.employees.models import EmployeeHistory
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/employees/<employee_id>/history",
    summary="An employee's history",
    tags=["Employees"],
    responses=documented(
        {
            400: "Invalid cursor",
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer (the staff who see the customer read it too)",
            404: "No such customer or employee",
        }
    ),
)
def employee_history(
    customer_id: str,
    employee_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> EmployeeHistory:
    return employee_service().history(current_principal(app), customer_id, employee_id, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

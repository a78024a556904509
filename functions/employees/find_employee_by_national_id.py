"""POST /customers/{customer_id}/employee-lookups — the employee with a national identity number, found by its keyed
hash (EMP-1). A POST, so the number travels in the body, never in a URL or an access log."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.employees.models import EmployeeView, NationalIdLookup
from portal.observability import entrypoint
from portal.wiring import employee_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/employee-lookups",
    summary="Find an employee by national identity number",
    tags=["Employees"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the employee administrator role at the customer",
            404: "No such customer, or no employee with this number",
        }
    ),
)
def find_employee_by_national_id(customer_id: str, lookup: Annotated[NationalIdLookup, Body()]) -> EmployeeView:
    return employee_service().find_by_national_id(current_principal(app), customer_id, lookup.national_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

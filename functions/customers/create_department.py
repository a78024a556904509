"""POST /customers/{customer_id}/departments — add a department to a customer (ORG-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.departments import service
from portal.departments.models import Department, DepartmentInput
from portal.observability import entrypoint
from portal.wiring import customer_repository, department_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/departments",
    summary="Add a department",
    tags=["Customer register"],
    responses=documented(
        {401: "Not logged in", 403: "Not allowed to change the customer", 404: "No such customer"},
        success=201,
        description="Created",
    ),
)
def create_department(customer_id: str, department: Annotated[DepartmentInput, Body()]) -> Response[Department]:
    created = service.create_department(
        current_principal(app), customer_repository(), department_repository(), customer_id, department
    )
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=created)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""PATCH /customers/{customer_id}/departments/{department_id} — rename or deactivate a department (ORG-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.departments import service
from portal.departments.models import Department, DepartmentPatch
from portal.observability import entrypoint
from portal.wiring import customer_repository, department_repository

app = build_resolver()


@app.patch(
    "/customers/<customer_id>/departments/<department_id>",
    summary="Change a department",
    tags=["Customer register"],
    responses=documented(
        {401: "Not logged in", 403: "Not allowed", 404: "No such customer or department", 409: "Changed meanwhile"}
    ),
)
def update_department(customer_id: str, department_id: str, patch: Annotated[DepartmentPatch, Body()]) -> Department:
    return service.update_department(
        current_principal(app), customer_repository(), department_repository(), customer_id, department_id, patch
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /customers/{customer_id}/departments — a customer's departments (ORG-1)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.departments import service
from portal.departments.models import Department
from portal.observability import entrypoint
from portal.wiring import customer_repository, department_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/departments",
    summary="A customer's departments",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 404: "No such customer"}),
)
def list_departments(customer_id: str) -> list[Department]:
    return service.departments_of(current_principal(app), customer_repository(), department_repository(), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

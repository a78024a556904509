"""GET /customers/{customer_id}/assignees — the staff responsible for a customer (ORG-4)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.staff.models import Assignment
from portal.wiring import staff_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/assignees",
    summary="Who is assigned to a customer",
    tags=["Assignment"],
    responses=documented({401: "Not logged in", 403: "Staff only", 404: "No such customer"}),
)
def customer_assignees(customer_id: str) -> Assignment:
    return staff_service().assignment(current_principal(app), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /customers/{customer_id}/subsidiaries — the companies of a group (ORG-1)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerSummary
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/subsidiaries",
    summary="A group's subsidiaries",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 404: "No such customer (or not yours to see)"}),
)
def list_subsidiaries(customer_id: str) -> list[CustomerSummary]:
    return service.subsidiaries_of(current_principal(app), customer_repository(), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /me/customers — the customers a portal user acts for, as the visibility rules allow (AUTH-4, ORG-1)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerSummary
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.get(
    "/me/customers",
    summary="My customers",
    tags=["Profile"],
    responses=documented({401: "Not logged in", 404: "Staff have the customer register instead"}),
)
def my_customers() -> list[CustomerSummary]:
    return service.customers_of(current_principal(app), customer_repository())


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

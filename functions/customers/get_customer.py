"""GET /customers/{customer_id} — one customer, for staff and for portal users who may see it."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerView
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>",
    summary="Get a customer",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 404: "No such customer (or not yours to see)"}),
)
def get_customer(customer_id: str) -> CustomerView:
    return service.view_customer(current_principal(app), customer_repository(), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

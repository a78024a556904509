"""GET /customers/{customer_id}/users — the customer's portal users and their roles there (AUTH-3)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.auth.models import CustomerUserList
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/users",
    summary="The customer's users",
    tags=["Customer users"],
    responses=documented({401: "Not logged in", 403: "Not a user administrator here", 404: "No such customer"}),
)
def customer_users(customer_id: str) -> CustomerUserList:
    return administration.customer_users(current_principal(app), auth_service(), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""PUT /customers/{customer_id}/users/{user_id}/roles — a user's roles at the customer; its sessions end (AUTH-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.auth.models import CustomerUser, RolesChange
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.put(
    "/customers/<customer_id>/users/<user_id>/roles",
    summary="Change a user's roles",
    tags=["Customer users"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not a user administrator here",
            404: "No such user",
            409: "Changed meanwhile, or your own login",
        }
    ),
)
def change_user_roles(customer_id: str, user_id: str, change: Annotated[RolesChange, Body()]) -> CustomerUser:
    return administration.change_roles(current_principal(app), auth_service(), customer_id, user_id, change)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /customers/{customer_id}/users/{user_id}/deactivate — the login stops working at once (AUTH-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.auth.models import CustomerUser, VersionOnly
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/users/<user_id>/deactivate",
    summary="Deactivate a user",
    description="Its sessions end at once; its history is kept.",
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
def deactivate_user(customer_id: str, user_id: str, read: Annotated[VersionOnly, Body()]) -> CustomerUser:
    return administration.deactivate_user(current_principal(app), auth_service(), customer_id, user_id, read.version)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

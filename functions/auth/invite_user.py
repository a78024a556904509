"""POST /customers/{customer_id}/users — invites a person as a user of the customer, with roles (AUTH-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.auth.models import CustomerUser, InviteUser
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/users",
    summary="Invite a user",
    description="The invitation e-mail carries a single-use link to choose the password; the code list follows.",
    tags=["Customer users"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not a user administrator here",
            404: "No such customer",
            409: "A login with this e-mail exists",
        },
        success=201,
        description="Invited",
    ),
)
def invite_user(customer_id: str, invitation: Annotated[InviteUser, Body()]) -> Response[CustomerUser]:
    invited = administration.invite_user(current_principal(app), auth_service(), customer_id, invitation)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=invited)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

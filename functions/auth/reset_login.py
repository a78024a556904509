"""POST /customers/{customer_id}/users/{user_id}/password-reset — a login of the customer gets a new single-use link
to choose its password (AUTH-2: a shared invoice-customer or object login whose password is lost)."""

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.auth.models import Accepted
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/users/<user_id>/password-reset",
    summary="Send a login a new password link",
    tags=["Customer users"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the right to change customer users",
            404: "No such customer or user",
            409: "The login is deactivated, or is one's own",
        },
        success=202,
    ),
)
def reset_login(customer_id: str, user_id: str) -> Response[Accepted]:
    administration.reset_login(current_principal(app), auth_service(), customer_id, user_id)
    body = Accepted(message="A link to choose a new password is on its way to the login's e-mail address")
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=body)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

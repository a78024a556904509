"""POST /auth/password — chooses a password through a reset or invitation link; a new code list follows (AUTH-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.auth.models import Accepted, SetPasswordRequest
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/auth/password",
    summary="Choose a password through an e-mailed link",
    tags=["Login"],
    responses=documented({422: "The password is too short or too long, or the link is used or expired"}),
)
def set_password(request: Annotated[SetPasswordRequest, Body()]) -> Accepted:
    auth_service().set_password(request.token, request.password)
    return Accepted(message="Your password is set. Your new code list is on its way by e-mail.")


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

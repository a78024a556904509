"""POST /auth/forgot-password — e-mails a single-use link to choose a new password (AUTH-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.auth.models import Accepted, ForgotPasswordRequest
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/auth/forgot-password",
    summary="Forgot password",
    description="The answer is the same whether or not the username exists.",
    tags=["Login"],
    responses=documented({429: "Too many requests for this username or from this address"}, success=202),
)
def forgot_password(request: Annotated[ForgotPasswordRequest, Body()]) -> Response[Accepted]:
    auth_service().forgot_password(request.username, source=app.current_event.request_context.identity.source_ip)
    return Response(
        status_code=202,
        content_type=content_types.APPLICATION_JSON,
        body=Accepted(message="If the username exists, a link to choose a new password is on its way by e-mail"),
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

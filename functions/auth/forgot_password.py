"""POST /auth/forgot-password — e-mails a new password and a new code list; old ones stop working (AUTH-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.auth.models import Accepted, ForgotPasswordRequest
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post("/auth/forgot-password", summary="Forgot password", tags=["Login"], responses=documented({}))
def forgot_password(request: Annotated[ForgotPasswordRequest, Body()]) -> Accepted:
    auth_service().forgot_password(request.username)
    return Accepted(message="If the username exists, a new password and a new code list are on their way by e-mail")


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

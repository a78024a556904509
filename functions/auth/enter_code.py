"""POST /auth/login/code — step 2 of 2: the security code the server asked for; starts the session (AUTH-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented, session_cookie
from portal.auth.models import CodeRequest, LoginResult
from portal.clock import now
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/auth/login/code",
    summary="Log in, step 2: the security code",
    tags=["Login"],
    responses=documented({401: "Wrong code or expired login", 409: "Code already used"}),
)
def enter_code(answer: Annotated[CodeRequest, Body()]) -> Response[LoginResult]:
    token, result, expires = auth_service().finish_login(answer.challenge, answer.code)
    return Response(
        status_code=200,
        content_type=content_types.APPLICATION_JSON,
        body=result,
        cookies=[session_cookie(token, expires - now())],
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /auth/login — step 1 of 2: username and password; answers which security code to enter (AUTH-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.auth.models import LoginChallenge, LoginRequest
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/auth/login",
    summary="Log in, step 1: username and password",
    tags=["Login"],
    responses=documented({401: "Wrong username or password"}),
)
def start_login(credentials: Annotated[LoginRequest, Body()]) -> LoginChallenge:
    return auth_service().start_login(credentials.username, credentials.password)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

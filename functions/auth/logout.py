"""POST /auth/logout — ends the session at once (AUTH-5)."""

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, expired_session_cookie
from portal.auth.models import Accepted
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post("/auth/logout", summary="Log out", tags=["Login"], responses=documented({401: "Not logged in"}))
def logout() -> Response[Accepted]:
    auth_service().logout(current_principal(app))
    return Response(
        status_code=200,
        content_type=content_types.APPLICATION_JSON,
        body=Accepted(message="You are logged out"),
        cookies=[expired_session_cookie()],
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /auth/signup — a contact asks for a personal portal account, its e-mail address the username (AUTH-2); a
single-use link to that address confirms it and chooses the password."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.auth.models import Accepted, SignupRequest
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/auth/signup",
    summary="Ask for an account of one's own",
    description="The answer is the same whether or not the address has an account already.",
    tags=["Login"],
    responses=documented({429: "Too many requests for this address or from this network address"}, success=202),
)
def sign_up(request: Annotated[SignupRequest, Body()]) -> Response[Accepted]:
    source = app.current_event.request_context.identity.source_ip
    auth_service().sign_up(request.email, request.name, request.language, source=source)
    return Response(
        status_code=202,
        content_type=content_types.APPLICATION_JSON,
        body=Accepted(message="A link to confirm the address and choose a password is on its way by e-mail"),
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

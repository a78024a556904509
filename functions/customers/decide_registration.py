"""POST /registration-requests/{request_id}/decision — an administrator approves or rejects (AUTH-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.registration.models import RegistrationDecision, RegistrationRequest
from portal.wiring import registration_service

app = build_resolver()


@app.post(
    "/registration-requests/<request_id>/decision",
    summary="Approve or reject a registration request",
    tags=["Customer register"],
    responses=documented(
        {401: "Not logged in", 403: "Administrators only", 404: "No such request", 409: "Already decided"}
    ),
)
def decide_registration(request_id: str, decision: Annotated[RegistrationDecision, Body()]) -> RegistrationRequest:
    return registration_service().decide(current_principal(app), request_id, decision)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /registration-requests — a company asks for access; the vendor's staff are told (AUTH-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.observability import entrypoint
from portal.registration.models import RegistrationInput, RegistrationReceipt
from portal.wiring import registration_service

app = build_resolver()


@app.post(
    "/registration-requests",
    summary="Ask for access to the portal",
    tags=["Login"],
    responses=documented({}, success=202, description="Received; the vendor decides"),
)
def request_registration(request: Annotated[RegistrationInput, Body()]) -> Response[RegistrationReceipt]:
    request_id = registration_service().submit(request)
    receipt = RegistrationReceipt(
        request_id=request_id, message="Thank you. We will answer by e-mail once your request has been handled."
    )
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=receipt)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

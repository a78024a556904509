"""POST /contact-logins — staff make the personal logins of many contacts at once (AUTH-2): each is invited at its
e-mail address, its username, and bound to its contact."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.auth.models import ContactLoginsReport, ContactLoginsRequest
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.post(
    "/contact-logins",
    summary="Create contact logins in bulk",
    description="Each contact's outcome: invited, has_login, no_email or not_found (so are contacts one may not see).",
    tags=["Customer users"],
    responses=documented({401: "Not logged in", 403: "Needs the right to create customer users"}),
)
def create_contact_logins(request: Annotated[ContactLoginsRequest, Body()]) -> ContactLoginsReport:
    return administration.create_contact_logins(current_principal(app), auth_service(), request)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

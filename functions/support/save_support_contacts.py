"""PUT /settings/support-contacts — an administrator sets the phone, e-mail and opening hours every page shows."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.support import service
from portal.support.models import SupportContacts, SupportContactsInput
from portal.wiring import support_repository

app = build_resolver()


@app.put(
    "/settings/support-contacts",
    summary="Change the support contacts",
    tags=["Support"],
    responses=documented({401: "Not logged in", 403: "Administrators only", 409: "Changed meanwhile"}),
)
def save_support_contacts(change: Annotated[SupportContactsInput, Body()]) -> SupportContacts:
    return service.save_support_contacts(current_principal(app), support_repository(), change)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

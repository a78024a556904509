"""PATCH /contacts/{contact_id} — change a contact's details (ORG-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.contacts import service
from portal.contacts.models import Contact, ContactPatch
from portal.observability import entrypoint
from portal.wiring import contact_repository, customer_repository

app = build_resolver()


@app.patch(
    "/contacts/<contact_id>",
    summary="Change a contact",
    tags=["Contacts and objects"],
    responses=documented(
        {401: "Not logged in", 403: "Not allowed", 404: "No such contact", 409: "Changed meanwhile or e-mail in use"}
    ),
)
def update_contact(contact_id: str, patch: Annotated[ContactPatch, Body()]) -> Contact:
    return service.update_contact(
        current_principal(app), contact_repository(), customer_repository(), contact_id, patch
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""PUT /contacts/{contact_id}/links — the customers and objects a contact is linked to (ORG-2, AUTH-4)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.contacts import service
from portal.contacts.models import Contact, ContactLinks
from portal.observability import entrypoint
from portal.wiring import contact_repository, customer_repository, object_repository

app = build_resolver()


@app.put(
    "/contacts/<contact_id>/links",
    summary="Link a contact to customers and objects",
    tags=["Contacts and objects"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not allowed to change a linked customer",
            404: "No such contact or object",
            409: "Changed meanwhile",
        }
    ),
)
def set_contact_links(contact_id: str, links: Annotated[ContactLinks, Body()]) -> Contact:
    return service.set_links(
        current_principal(app), contact_repository(), customer_repository(), object_repository(), contact_id, links
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /contacts/{contact_id} — a contact and its links (ORG-2)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.contacts import service
from portal.contacts.models import Contact
from portal.observability import entrypoint
from portal.wiring import contact_repository, customer_repository

app = build_resolver()


@app.get(
    "/contacts/<contact_id>",
    summary="Get a contact",
    tags=["Contacts and objects"],
    responses=documented({401: "Not logged in", 404: "No such contact"}),
)
def get_contact(contact_id: str) -> Contact:
    return service.get_contact(current_principal(app), contact_repository(), customer_repository(), contact_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

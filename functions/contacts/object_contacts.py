"""GET /customers/{customer_id}/objects/{object_id}/contacts — the contacts linked to an object."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.contacts import service
from portal.contacts.models import ContactSummary
from portal.observability import entrypoint
from portal.wiring import contact_repository, customer_repository, object_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/objects/<object_id>/contacts",
    summary="An object's contacts",
    tags=["Contacts and objects"],
    responses=documented({401: "Not logged in", 404: "No such object"}),
)
def object_contacts(customer_id: str, object_id: str) -> list[ContactSummary]:
    return service.contacts_of_object(
        current_principal(app), contact_repository(), customer_repository(), object_repository(), customer_id, object_id
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

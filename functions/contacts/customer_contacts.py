"""GET /customers/{customer_id}/contacts — the contacts linked to a customer (ORG-2)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.contacts import service
from portal.contacts.models import ContactSummary
from portal.observability import entrypoint
from portal.wiring import contact_repository, customer_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/contacts",
    summary="A customer's contacts",
    tags=["Contacts and objects"],
    responses=documented({401: "Not logged in", 404: "No such customer"}),
)
def customer_contacts(customer_id: str) -> list[ContactSummary]:
    return service.contacts_of_customer(
        current_principal(app), contact_repository(), customer_repository(), customer_id
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""GET /contacts?email= — find a contact by e-mail, e.g. before linking it (ORG-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.contacts import service
from portal.contacts.models import Contact
from portal.observability import entrypoint
from portal.wiring import contact_repository, customer_repository

app = build_resolver()


@app.get(
    "/contacts",
    summary="Find a contact by e-mail",
    tags=["Contacts and objects"],
    responses=documented({401: "Not logged in", 403: "Staff only", 404: "No contact has that e-mail"}),
)
def find_contact(email: Annotated[str, Query(min_length=3, max_length=254)]) -> Contact:
    return service.find_contact_by_email(current_principal(app), contact_repository(), customer_repository(), email)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /contacts — a new contact person (ORG-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.contacts import service
from portal.contacts.models import Contact, ContactInput
from portal.observability import entrypoint
from portal.wiring import contact_repository

app = build_resolver()


@app.post(
    "/contacts",
    summary="Create a contact",
    tags=["Contacts and objects"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the Create permission", 409: "E-mail in use"},
        success=201,
        description="Created",
    ),
)
def create_contact(contact: Annotated[ContactInput, Body()]) -> Response[Contact]:
    created = service.create_contact(current_principal(app), contact_repository(), contact)
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body=created,
        headers={"Location": f"/contacts/{created.contact_id}"},
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

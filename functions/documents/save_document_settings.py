"""PUT /customers/{customer_id}/document-settings — change what the customer ordered for its documents (DOC-5,
DOC-7) and its electronic address, which one customer holds at a time."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import DocumentSettings, DocumentSettingsInput
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.put(
    "/customers/<customer_id>/document-settings",
    summary="Change a customer's document settings",
    tags=["Documents"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the user administrator role, or staff who may change the customer",
            404: "No such customer",
            409: "Changed meanwhile, or the electronic address belongs to another customer",
            422: "Days out of range or an address that is not scheme:id",
        }
    ),
)
def put_document_settings(customer_id: str, settings: Annotated[DocumentSettingsInput, Body()]) -> DocumentSettings:
    return document_service().change_settings(current_principal(app), customer_id, settings)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

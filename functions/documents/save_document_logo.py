"""PUT /customers/{customer_id}/document-logo — the logo on the customer's viewing copies (DOC-3): a PNG or JPEG,
base64-encoded, at most 200 kB."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import DocumentSettings, LogoUpload
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.put(
    "/customers/<customer_id>/document-logo",
    summary="Change the logo on a customer's viewing copies",
    tags=["Documents"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the user administrator role, or staff who may change the customer",
            404: "No such customer",
            409: "The settings changed meanwhile",
            422: "Not a PNG or JPEG within the limits",
        }
    ),
)
def save_document_logo(customer_id: str, upload: Annotated[LogoUpload, Body()]) -> DocumentSettings:
    return document_service().change_logo(current_principal(app), customer_id, upload.content())


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

"""POST /customers/{customer_id}/documents/{document_id}/rejection — the recipient does not accept a delivered
document (e.g. a reference is missing) and names the business terms to correct; the sender is told (DOC-6)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import DocumentView, RejectionInput
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/documents/<document_id>/rejection",
    summary="Refuse a delivered document",
    tags=["Documents"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the document handler role",
            404: "No such document",
            409: "Changed meanwhile, or not a delivered document from a customer of the network",
            422: "A term the portal cannot correct",
        }
    ),
)
def reject_document(customer_id: str, document_id: str, rejection: Annotated[RejectionInput, Body()]) -> DocumentView:
    return document_service().reject(current_principal(app), customer_id, document_id, rejection)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)

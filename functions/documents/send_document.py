"""POST /customers/{customer_id}/documents — send a business document (DOC-1): a UBL 2.1 invoice, credit note, order
or order response, base64-encoded in the body. Kept unchanged, checked when the filter applies, and delivered in the
background on the recipient's channel. Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import SESSION_OR_API_KEY, build_resolver, current_principal, documented, idempotency_key
from portal.documents.models import DocumentUpload, DocumentView
from portal.idempotency import once
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/documents",
    summary="Send a document",
    tags=["Documents"],
    security=SESSION_OR_API_KEY,
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the document handler role",
            404: "No such customer",
            409: "The same document (sender, kind and number) was sent before, or the Idempotency-Key was reused",
            422: "Not a readable UBL document (or hostile XML), too large, or sent in another company's name",
        },
        success=202,
        description="Received: checking and delivery follow; its timeline shows each step",
    ),
)
def send_document(customer_id: str, upload: Annotated[DocumentUpload, Body()]) -> Response[DocumentView]:
    principal = current_principal(app, api_keys=True)
    received = once(
        f"send_document:{customer_id}",
        actor=principal.username,
        key=idempotency_key(app),
        payload=upload,
        work=lambda: document_service().send(principal, customer_id, upload.content(), upload.options()),
        result=DocumentView,
        lambda_context=app.lambda_context,
    )
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=received)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
